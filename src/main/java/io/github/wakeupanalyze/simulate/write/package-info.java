/** Streaming writers of simulated traces in every format the tool reads, and of the labels CSV. */
package io.github.wakeupanalyze.simulate.write;
