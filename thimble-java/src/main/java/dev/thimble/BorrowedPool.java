package dev.thimble;

import dev.thimble.internal.PoolRefusals;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link ThimblePool#of(Executor)}: a view of an executor the caller owns. Never shuts the executor down. */
final class BorrowedPool implements ThimblePool, LaneExecutor.Host {
  private final Executor executor;
  private volatile boolean stopped;
  /** Set by stopNow: from then on lanes hand nothing on; after stop() they still run what they accepted. */
  private volatile boolean stoppedNow;
  private final LaneExecutor.StopNowWatchers lanes = new LaneExecutor.StopNowWatchers();

  BorrowedPool(Executor executor) {
    this.executor = executor;
  }

  @Override
  public String name() {
    return executor.getClass().getSimpleName();
  }

  @Override
  public void execute(Runnable task) {
    if (stopped) {
      throw new RejectedExecutionException(
          PoolRefusals.stoppedMessage(name()) + " (the borrowed executor itself was left running)");
    }
    executor.execute(task);
  }

  @Override
  public void handOn(Runnable task) {
    if (stoppedNow) {
      throw new RejectedExecutionException("pool " + name() + " was stopped now (stopNow()); calls still waiting for "
          + "a place in a lane are not run (the borrowed executor itself was left running)");
    }
    executor.execute(task);
  }

  /**
   * A {@link ThreadPoolExecutor}'s queue is looked at, so that a lane never keeps a thread other tasks wait for;
   * another executor's cannot be, and the lane's batch bounds the wait instead.
   */
  @Override
  public boolean readyToRunInline() {
    if (stopped || Thread.currentThread().isInterrupted()) {
      return false;
    }
    Executor e = executor;
    return !(e instanceof ThreadPoolExecutor) || ((ThreadPoolExecutor) e).getQueue().isEmpty();
  }

  @Override
  public void onStopNow(LaneExecutor lane) {
    lanes.add(lane);
  }

  @Override
  public void start() {
    if (stopped) {
      throw new IllegalStateException("pool " + name() + " is stopped; a stopped pool cannot be restarted");
    }
  }

  @Override
  public boolean isStarted() {
    return !stopped;
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
    stoppedNow = true;
    lanes.stopNow();
  }

  /** Returns at once: the borrowed executor's calls are its owner's to wait for. */
  @Override
  public boolean awaitStopped(long timeout, TimeUnit unit) {
    return stopped;
  }

  @Override
  public String toString() {
    return "ThimblePool[borrowed " + executor + (stopped ? ", stopped]" : "]");
  }
}
