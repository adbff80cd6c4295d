package dev.thimble.benchmarks;

import java.util.concurrent.CompletableFuture;

/** The face thimble's proxy implements over {@link Counter}. */
public interface AsyncCounter {
  /**
   * Runs {@link Counter#inc(int)} on the pool.
   *
   * @param x any number
   * @return a future of {@code x + 1}
   */
  CompletableFuture<Integer> inc(int x);

  /**
   * Runs {@link Counter#incAfter(int, long)} on the pool.
   *
   * @param x any number
   * @param millis how long the call blocks
   * @return a future of {@code x + 1}
   */
  CompletableFuture<Integer> incAfter(int x, long millis);
}
