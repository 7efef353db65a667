package io.sluice.examples.port;

/**
 * What the worked port's program computes, on either engine: the ticks journaled, the sum of the
 * valid prices, and the ticks the risk check refused (reported through the exception handler).
 *
 * @param journaled ticks the journal stage saw
 * @param sum the sum of the prices the risk stage accepted
 * @param refused ticks whose risk check threw
 */
public record PortResult(long journaled, long sum, long refused) {
}
