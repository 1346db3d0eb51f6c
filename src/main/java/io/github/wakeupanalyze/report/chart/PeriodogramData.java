package io.github.wakeupanalyze.report.chart;

/**
 * Power versus period, with peaks and a significance threshold, as the periodogram chart plots it.
 * Made by {@link BinnedPeriodogram} today; when the analysis engine publishes its own periodogram,
 * map its result into this record in {@link OperatorFigures#periodogram} and the chart, the CSV and
 * the reports follow.
 *
 * @param method one line naming the estimator and its null hypothesis, shown under the chart
 * @param periodSeconds periods, ascending
 * @param power power at each period (dimensionless; 1 is the mean under the null hypothesis)
 * @param threshold power above which a peak is significant at {@code falseAlarm}
 * @param falseAlarm false-alarm probability of the threshold over the whole grid, e.g. 0.001
 * @param peakPeriods significant peaks, ascending
 */
public record PeriodogramData(
    String method,
    double[] periodSeconds,
    double[] power,
    double threshold,
    double falseAlarm,
    double[] peakPeriods) {}
