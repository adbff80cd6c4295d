package dev.thimble.testing;

import dev.thimble.internal.PoolRefusals;
import dev.thimble.ThimblePool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A pool that queues calls until the test runs them, on the test's thread: {@link #runNext()} runs the oldest,
 * {@link #runAll()} runs until none is left. For exact, deterministic interleavings:
 * <pre>{@code
 * ManualPool pool = new ManualPool();
 * AsyncCar car = Thimble.of(new Car(), pool).proxy(AsyncCar.class);
 * CompletableFuture<String> driven = car.driveTo("work");
 * assertFalse(driven.isDone());
 * pool.runNext();
 * assertEquals("driven to work", driven.join());
 * }</pre>
 *
 * <p>Calls whose futures were cancelled while queued are dropped: they are neither run nor counted. {@link
 * #stop()} takes no new calls but leaves queued ones to run; {@link #stopNow()} cancels them. Thread-safe.
 */
public final class ManualPool implements ThimblePool {
  private final String name;
  // All guarded by this.
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean started;
  private boolean stopped;

  /** A pool named {@code manual}, not started. */
  public ManualPool() {
    this("manual");
  }

  /**
   * A pool with the given name, not started.
   *
   * @param name the pool's name, for messages
   */
  public ManualPool(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void execute(Runnable task) {
    if (stopped) {
      throw PoolRefusals.stopped(name);
    }
    if (!started) {
      throw PoolRefusals.notStarted(name);
    }
    queue.add(task);
  }

  /**
   * Runs the oldest queued call on this thread.
   *
   * @return whether there was one
   */
  public boolean runNext() {
    Runnable task = poll();
    if (task == null) {
      return false;
    }
    task.run();
    return true;
  }

  /**
   * Runs queued calls, including any they queue, until none is left.
   *
   * @return how many ran
   */
  public int runAll() {
    int ran = 0;
    while (runNext()) {
      ran++;
    }
    return ran;
  }

  /** @return how many calls are queued (cancelled ones excluded) */
  public synchronized int pending() {
    dropDead();
    return queue.size();
  }

  private synchronized @Nullable Runnable poll() {
    dropDead();
    return queue.poll();
  }

  /** Calls in this pool are futures; one that is done was cancelled while it waited. */
  private void dropDead() {
    queue.removeIf(task -> task instanceof Future && ((Future<?>) task).isDone());
  }

  @Override
  public synchronized void start() {
    if (stopped) {
      throw new IllegalStateException("pool " + name + " is stopped; a stopped pool cannot be restarted");
    }
    started = true;
  }

  @Override
  public synchronized boolean isStarted() {
    return started && !stopped;
  }

  @Override
  public synchronized boolean isStopped() {
    return stopped;
  }

  @Override
  public synchronized void stop() {
    stopped = true;
  }

  @Override
  public void stopNow() {
    List<Runnable> dropped;
    synchronized (this) {
      stopped = true;
      dropped = new ArrayList<>(queue);
      queue.clear();
    }
    for (Runnable task : dropped) {
      if (task instanceof Future) {
        ((Future<?>) task).cancel(false);
      }
    }
  }

  /**
   * Does not wait, since only the test runs this pool's calls: reports whether the pool is stopped with nothing
   * left to run.
   */
  @Override
  public boolean awaitStopped(long timeout, TimeUnit unit) {
    return isStopped() && pending() == 0;
  }

  @Override
  public synchronized String toString() {
    return "ManualPool[" + name + ", " + queue.size() + " pending" + (stopped ? ", stopped]" : "]");
  }
}
