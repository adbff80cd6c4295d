package dev.thimble;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The threads a thimble runs its blocking calls on.
 *
 * <p>A pool made by {@link #builder(String)} or {@link #virtual(String)} is created <b>not started</b>. Who stops
 * it depends on who starts it:
 * <ul>
 *   <li>Left to thimble: the first call of any thimble over it starts it, and the thimbles over it own it together.
 *       It stops when the last open thimble over it {@linkplain Thimble#close() closes}, or when the {@link
 *       ShutdownOwner} of an open thimble that has called on it shuts down; closing one thimble leaves it running
 *       for the others.</li>
 *   <li>Started by its creator ({@link #start()} before the first call): the creator's to stop; thimbles never
 *       stop it.</li>
 *   <li>{@link #of(Executor)} borrows an executor the caller owns: it counts as started and thimble never shuts the
 *       executor down.</li>
 * </ul>
 * Thimble keeps what it knows of a pool's ownership apart from the pool, under a lock of its own: it never locks a
 * pool's monitor, and calls {@link #start()} holding no lock, so a {@code start()} that waits on other threads
 * cannot deadlock with thimble.
 *
 * <pre>{@code
 * ThimblePool db = ThimblePool.builder("db").threads(0, 8).queueCapacity(1_000).build();
 * }</pre>
 *
 * <p>Pool threads are named {@code <name>-<n>}, are daemon threads and retire after the keep-alive when idle, so
 * a pool never keeps a finished program alive; the owner's stop lets queued calls finish first.
 *
 * <p>Implementations must be thread-safe. The test doubles in {@code dev.thimble.testing} implement this
 * interface too. A custom pool whose {@link #start()} or {@link #isStarted()} throws fails its thimbles' calls
 * (each returned future fails with a {@link RejectedExecutionException} caused by what was thrown); it is not
 * asked again.
 */
public interface ThimblePool extends Executor, AutoCloseable {
  /** Default maximum number of threads of a built pool. */
  int DEFAULT_MAX_THREADS = 16;
  /** Default queue capacity of a built pool: calls that wait for a thread. */
  int DEFAULT_QUEUE_CAPACITY = 10_000;
  /** Default time an idle thread lives, in seconds. */
  long DEFAULT_KEEP_ALIVE_SECONDS = 60;

  /**
   * Starts building a pool of platform threads.
   *
   * @param name the pool's name: its threads are {@code name-1}, {@code name-2}, ...; it appears in errors
   * @return a builder with the defaults: {@code threads(0, 16)}, {@code keepAlive(60, SECONDS)},
   *     {@code queueCapacity(10_000)}
   * @throws IllegalArgumentException if {@code name} is empty
   */
  static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Borrows an executor the caller owns. The returned pool counts as started; a thimble never registers it with a
   * shutdown owner, and {@link #stop()} or {@link #stopNow()} on it only stop this view from taking calls &mdash;
   * the executor itself is never shut down.
   *
   * @param executor the executor to run calls on
   * @return a started pool running calls on {@code executor}
   */
  static ThimblePool of(Executor executor) {
    return new BorrowedPool(Objects.requireNonNull(executor, "executor == null"));
  }

  /**
   * A pool that runs each call on a new virtual thread named {@code name-<n>}; needs JDK 21 or newer. It has no
   * queue and no thread limit: bound concurrency with {@code Thimble.Builder.maxConcurrency}.
   *
   * @param name the pool's name
   * @return a new, not started pool
   * @throws UnsupportedOperationException on a JVM without virtual threads (before JDK 21)
   */
  static ThimblePool virtual(String name) {
    return new VirtualThreadPool(name);
  }

  /** @return this pool's name, as used in its threads' names and in its errors */
  String name();

  /**
   * Runs {@code task} on this pool.
   *
   * @param task what to run
   * @throws RejectedExecutionException if the pool is not started, is stopped, or its queue is full; the message
   *     says which
   */
  @Override
  void execute(Runnable task);

  /**
   * Runs {@code task} on this pool, waiting for room in the queue instead of being rejected when it is full. The
   * suspending faces of the Kotlin adapter use it for backpressure. The default runs {@link #execute(Runnable)}.
   *
   * <p>After {@link #stop()} it is refused as {@link #execute(Runnable)} is. (Calls that a thimble's lane accepted
   * before the stop still run on the built, virtual and borrowed pools: the lane hands them on by another way.)
   *
   * @param task what to run
   * @throws RejectedExecutionException if the pool is not started or is stopped
   */
  default void executeWhenRoom(Runnable task) {
    execute(task);
  }

  /**
   * Starts the pool; no-op if it is running.
   *
   * @throws IllegalStateException if it was stopped: a stopped pool cannot be restarted
   */
  void start();

  /** @return whether the pool is started and not stopped */
  boolean isStarted();

  /** @return whether {@link #stop()} or {@link #stopNow()} was called: the pool takes no more calls */
  boolean isStopped();

  /**
   * Stops gracefully: no new calls; queued and running calls finish. Returns at once; wait with {@link
   * #awaitStopped}. Idempotent.
   */
  void stop();

  /**
   * Stops now: no new calls, queued calls are cancelled (their futures complete cancelled) and running calls are
   * interrupted. A queued plain task does not run; one that is a {@link java.util.concurrent.Future} is cancelled.
   * Returns at once. Idempotent.
   */
  void stopNow();

  /**
   * Waits until a stopped pool has finished its calls and its threads have ended.
   *
   * @param timeout how long to wait at most
   * @param unit the unit of {@code timeout}
   * @return {@code true} if the pool has stopped, {@code false} if the time ran out (or it was never stopped)
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException;

  /**
   * Stops gracefully and waits for the pool's calls to finish. If interrupted while waiting, or if the pool says it
   * cannot finish by waiting (a {@code ManualPool} with calls left), stops now; an interrupt is kept.
   */
  @Override
  default void close() {
    stop();
    try {
      if (!awaitStopped(Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
        stopNow();
      }
    } catch (InterruptedException e) {
      stopNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Builds a pool of platform threads; see {@link ThimblePool#builder(String)}. */
  final class Builder {
    private final String name;
    private int minThreads = 0;
    private int maxThreads = DEFAULT_MAX_THREADS;
    private long keepAliveNanos = TimeUnit.SECONDS.toNanos(DEFAULT_KEEP_ALIVE_SECONDS);
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

    Builder(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name must not be empty: it names the pool's threads");
      }
      this.name = name;
    }

    /**
     * Sets how many threads the pool keeps and how many it may grow to. The pool starts {@code min} threads when it
     * starts and adds threads up to {@code max} before it queues calls.
     *
     * @param min threads kept even when idle, {@code >= 0}
     * @param max the most threads at once, {@code >= max(1, min)}
     * @return this builder
     * @throws IllegalArgumentException if {@code min < 0}, {@code max < 1} or {@code max < min}
     */
    public Builder threads(int min, int max) {
      if (min < 0) {
        throw new IllegalArgumentException("min threads must not be negative: " + min);
      }
      if (max < 1) {
        throw new IllegalArgumentException("max threads must be positive: " + max);
      }
      if (max < min) {
        throw new IllegalArgumentException("max threads (" + max + ") must not be less than min threads (" + min + ")");
      }
      this.minThreads = min;
      this.maxThreads = max;
      return this;
    }

    /**
     * Sets how long a thread beyond the minimum stays idle before it retires.
     *
     * @param time the keep-alive, positive
     * @param unit its unit
     * @return this builder
     * @throws IllegalArgumentException if {@code time <= 0}
     */
    public Builder keepAlive(long time, TimeUnit unit) {
      Objects.requireNonNull(unit, "unit == null");
      if (time <= 0) {
        throw new IllegalArgumentException("keepAlive must be positive: " + time + " " + unit);
      }
      this.keepAliveNanos = unit.toNanos(time);
      return this;
    }

    /**
     * Sets how many calls may wait for a thread. A call that finds the queue full fails with a {@link
     * RejectedExecutionException} (the suspending Kotlin faces wait for room instead).
     *
     * @param capacity the queue's capacity, {@code >= 0} ({@code 0}: a call runs at once or is rejected)
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 0}
     */
    public Builder queueCapacity(int capacity) {
      if (capacity < 0) {
        throw new IllegalArgumentException("queueCapacity must not be negative: " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** @return a new pool, not started */
    public ThimblePool build() {
      return new WorkerPool(name, minThreads, maxThreads, keepAliveNanos, queueCapacity);
    }
  }
}
