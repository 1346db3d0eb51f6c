/**
 * Text helpers shared by every stage: durations (parsing and formatting), CSV cells, and names from
 * traces made safe for file names, terminals and Markdown. No I/O; depends on nothing else here.
 */
package io.github.wakeupanalyze.text;
