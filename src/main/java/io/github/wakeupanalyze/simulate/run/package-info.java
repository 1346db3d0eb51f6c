/**
 * One simulation run end to end: a scenario simulated and written in the chosen format with its
 * ground-truth labels (and source files, where the scenario carries them), and the simulator's own
 * benchmark. Above both the simulator ({@code simulate}) and its writers ({@code simulate.write}),
 * so neither depends on the other's caller.
 */
package io.github.wakeupanalyze.simulate.run;
