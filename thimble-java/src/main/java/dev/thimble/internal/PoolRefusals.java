package dev.thimble.internal;

import java.util.concurrent.RejectedExecutionException;

/**
 * The refusals of thimble's pools, in one place so that every pool (the core's, the test doubles in {@code
 * dev.thimble.testing}) says the same words, which users' logs and tests match.
 */
public final class PoolRefusals {
  private PoolRefusals() {}

  /**
   * The refusal of a pool that was never started.
   *
   * @param pool the pool's name
   * @return the exception to throw
   */
  public static RejectedExecutionException notStarted(String pool) {
    return new RejectedExecutionException(
        "pool " + pool + " is not started; start() it, or let a thimble start it on its first call");
  }

  /**
   * The refusal of a pool that was stopped.
   *
   * @param pool the pool's name
   * @return the exception to throw
   */
  public static RejectedExecutionException stopped(String pool) {
    return new RejectedExecutionException(stoppedMessage(pool));
  }

  /**
   * The words of {@link #stopped}, for a pool that says more after them.
   *
   * @param pool the pool's name
   * @return the message
   */
  public static String stoppedMessage(String pool) {
    return "pool " + pool + " is stopped; calls made after stop() are rejected";
  }

  /**
   * The refusal of a bounded pool whose threads are busy and whose queue is full.
   *
   * @param pool the pool's name
   * @param busyThreads the threads running calls
   * @param maxThreads the pool's most threads
   * @param queued the calls in its queue
   * @param queueCapacity its queue's capacity
   * @return the exception to throw
   */
  public static RejectedExecutionException full(String pool, int busyThreads, int maxThreads, int queued,
      int queueCapacity) {
    return new RejectedExecutionException(
        "pool " + pool + " is full: " + busyThreads + " of " + maxThreads + " threads busy and " + queued
            + " calls queued (queueCapacity " + queueCapacity + "); raise threads(min, max) or queueCapacity(n), or "
            + "bound callers with maxConcurrency(n)");
  }
}
