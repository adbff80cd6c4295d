package dev.thimble.testing;

import dev.thimble.internal.PoolRefusals;
import dev.thimble.ThimblePool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A pool that runs each call on the calling thread, at once: a face's future is complete when it is returned. It
 * records its life ({@link #isStarted()}, {@link #isStopped()}) and, like a real pool, rejects calls before it is
 * started and after it is stopped.
 */
public final class InlinePool implements ThimblePool {
  private volatile boolean started;
  private volatile boolean stopped;
  private final String name;

  /** A pool named {@code inline}, not started. */
  public InlinePool() {
    this("inline");
  }

  /**
   * A pool with the given name, not started.
   *
   * @param name the pool's name, for messages
   */
  public InlinePool(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void execute(Runnable task) {
    if (stopped) {
      throw PoolRefusals.stopped(name);
    }
    if (!started) {
      throw PoolRefusals.notStarted(name);
    }
    task.run();
  }

  @Override
  public synchronized void start() {
    if (stopped) {
      throw new IllegalStateException("pool " + name + " is stopped; a stopped pool cannot be restarted");
    }
    started = true;
  }

  /** @return whether the pool is started and not stopped */
  @Override
  public boolean isStarted() {
    return started && !stopped;
  }

  @Override
  public boolean isStopped() {
    return stopped;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public void stopNow() {
    stopped = true;
  }

  /** Returns at once: nothing an inline pool runs outlives the call that ran it. */
  @Override
  public boolean awaitStopped(long timeout, TimeUnit unit) {
    return stopped;
  }

  @Override
  public String toString() {
    return "InlinePool[" + name + (stopped ? ", stopped]" : started ? ", started]" : ", new]");
  }
}
