package dev.thimble.benchmarks;

/**
 * The blocking target every benchmark wraps: a trivial method, so that what is measured is the cost of getting a
 * call onto a pool thread and its result back, not the work; and a method that blocks, standing for I/O.
 */
public class Counter {
  /**
   * The trivial call.
   *
   * @param x any number
   * @return {@code x + 1}
   */
  public int inc(int x) {
    return x + 1;
  }

  /**
   * Blocks for {@code millis} (a stand-in for I/O), then increments.
   *
   * @param x any number
   * @param millis how long to block
   * @return {@code x + 1}
   * @throws InterruptedException if interrupted while blocked
   */
  public int incAfter(int x, long millis) throws InterruptedException {
    Thread.sleep(millis);
    return x + 1;
  }
}
