/**
 * JMH benchmarks of thimble against hand-written {@code CompletableFuture} code and the peers people would pick
 * instead (Spring {@code @Async}, Guava, kotlinx {@code Dispatchers}), and {@link dev.thimble.benchmarks.Chart},
 * which draws their results.
 *
 * <p>Every benchmark pairs a thimble variant with its baseline in the same run, on a pool of the same size, over the
 * same target ({@link dev.thimble.benchmarks.Counter}).
 */
package dev.thimble.benchmarks;
