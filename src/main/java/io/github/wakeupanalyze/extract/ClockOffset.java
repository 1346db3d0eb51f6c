package io.github.wakeupanalyze.extract;

/**
 * How far one service's clock is from the reference clock, estimated from the client/server span
 * pairs of the trace ({@link ClockSkew}). A time {@code t} recorded by {@code service} is {@code t
 * - offsetNanos} on the reference clock.
 *
 * @param service e.g. {@code kube-apiserver}
 * @param reference the service whose clock the outputs use, e.g. {@code my-operator}
 * @param offsetNanos service clock minus reference clock, e.g. {@code 20_000_000} (20 ms ahead)
 * @param lowNanos lower end of the interval the offset lies in
 * @param highNanos upper end of that interval
 * @param spreadNanos scale of the per-pair estimates around the offset (1.4826 × MAD), e.g. 0.3 ms
 * @param pairs client/server pairs the estimate rests on (on the link to the reference)
 * @param applied true when evidence times were corrected with it (enough pairs)
 */
public record ClockOffset(
    String service,
    String reference,
    long offsetNanos,
    long lowNanos,
    long highNanos,
    long spreadNanos,
    long pairs,
    boolean applied) {}
