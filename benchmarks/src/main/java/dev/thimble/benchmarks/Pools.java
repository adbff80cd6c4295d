package dev.thimble.benchmarks;

import dev.thimble.ThimblePool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The pools benchmarks compare, made the same way everywhere so that "the same pool size" means the same thing. */
final class Pools {
  /** Threads of the pools in the call-overhead, peer and scale benchmarks: the machine's two cores. */
  static final int THREADS = 2;
  /** Calls in flight in the pipelined benchmarks. */
  static final int IN_FLIGHT = 64;

  private Pools() {}

  /** A fixed-size {@link ThreadPoolExecutor} with an unbounded queue, named daemon threads, all started. */
  static ThreadPoolExecutor platform(String name, int threads) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), named(name));
    executor.prestartAllCoreThreads();
    return executor;
  }

  /** Thimble's own platform pool of the same shape: {@code threads} threads, a queue large enough for the run. */
  static ThimblePool thimble(String name, int threads, int queueCapacity) {
    return ThimblePool.builder(name).threads(threads, threads).queueCapacity(queueCapacity).build();
  }

  static ThreadFactory named(String name) {
    AtomicInteger sequence = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + sequence.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  static void shutdown(ExecutorService executor) throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
