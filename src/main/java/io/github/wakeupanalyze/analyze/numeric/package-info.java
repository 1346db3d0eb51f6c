/**
 * Small numeric helpers shared by the engine and its detectors: robust location and scale (median,
 * MAD) and binary search in sorted arrays. Pure functions; depends on nothing else here.
 */
package io.github.wakeupanalyze.analyze.numeric;
