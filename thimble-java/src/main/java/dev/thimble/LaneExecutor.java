package dev.thimble;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * {@code maxConcurrency(n)}: at most {@code n} of one thimble's calls on the pool at once, the rest waiting here in
 * FIFO order. A waiting call holds no pool thread; a call cancelled while it waits is skipped and never takes a
 * place. With {@code n == 1} access to the target is strictly serialized.
 *
 * <p>Besides calls ({@link CallFuture}), the lane runs plain tasks for {@link Thimble#executor()}, which the Kotlin
 * dispatcher is made from.
 */
final class LaneExecutor implements Executor {
  private final ThimblePool pool;
  private final int limit;

  private final Object lock = new Object();
  /** Calls and tasks on the pool (queued there or running). Guarded by {@link #lock}. */
  private int active;
  /** Guarded by {@link #lock}. */
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

  LaneExecutor(ThimblePool pool, int limit) {
    this.pool = pool;
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  /** Runs a call in the lane. A refusal by the pool fails the call; it never throws. */
  void execute(CallFuture<?> call) {
    synchronized (lock) {
      if (call.isPastQueue()) {
        return; // timed out on its way here: it must not take a place, as its run() would never free it
      }
      if (active >= limit) {
        if (!pool.isStopped()) {
          waiting.add(call);
          return;
        }
      } else {
        active++;
        call.holdsLanePlace = true;
      }
    }
    if (call.holdsLanePlace) {
      dispatchFrom(call, null, false);
    } else {
      call.reject(stopped()); // waiting would get it a place after a graceful stop: it must not run
    }
  }

  private RejectedExecutionException stopped() {
    return new RejectedExecutionException(
        "pool " + pool.name() + " is stopped; calls made after stop() are rejected");
  }

  /**
   * Runs a plain task in the lane, waiting for room in the pool.
   *
   * @throws RejectedExecutionException if the pool refuses it at once (stopped)
   */
  @Override
  public void execute(Runnable task) {
    PlainTask plain = new PlainTask(task);
    synchronized (lock) {
      if (active >= limit) {
        if (pool.isStopped()) {
          throw stopped();
        }
        waiting.add(plain);
        return;
      }
      active++;
    }
    dispatchFrom(plain, plain, false);
  }

  /**
   * Dispatches {@code first} and, each time the pool refuses one and so frees its place, the next waiting one.
   * A refused plain task is thrown to {@code thrower} (the caller of {@link #execute(Runnable)}) when it is that
   * caller's own, and otherwise run on this thread, so that it is never lost.
   *
   * <p>A {@code handoff} (a place was just freed: a call ended or left the pool's queue) waits for room in the
   * pool instead of failing on a full one: the thread that frees the place is still busy handing it off, and the
   * call was accepted when it joined the lane.
   */
  private void dispatchFrom(Runnable first, @Nullable PlainTask thrower, boolean handoff) {
    Runnable task = first;
    while (task != null) {
      if (task instanceof CallFuture) {
        CallFuture<?> call = (CallFuture<?>) task;
        boolean late = handoff || task != first; // it waited in the lane: its caller has its future already
        RejectedExecutionException refusal;
        try {
          if (call.waitForRoom || handoff) {
            pool.executeWhenRoom(call);
          } else {
            pool.execute(call);
          }
          refusal = null;
        } catch (RejectedExecutionException e) {
          refusal = e;
        } catch (Throwable e) {
          refusal = new RejectedExecutionException("pool " + pool.name() + " failed to take the call: " + e, e);
        }
        // Losing the race to a canceller counts as taken: the canceller frees the place.
        boolean taken = refusal == null || !(late ? call.rejectLate(refusal) : call.reject(refusal));
        if (taken) {
          return;
        }
      } else {
        PlainTask plain = (PlainTask) task;
        try {
          pool.executeWhenRoom(plain);
          return;
        } catch (RejectedExecutionException e) {
          if (plain == thrower) {
            release();
            throw e;
          }
          if (!cancelIfFuture(plain.task)) {
            try {
              plain.task.run(); // no pool to run it on and no one to tell: run it here rather than lose it
            } catch (Throwable failure) {
              Thread t = Thread.currentThread();
              t.getUncaughtExceptionHandler().uncaughtException(t, failure);
            }
          }
        }
      }
      task = nextOrRelease();
    }
  }

  /**
   * Tells a task that it will not run, if it can hear it: a {@link Future} (as the Kotlin dispatcher's are) is
   * cancelled. Returns whether it was one.
   */
  private static boolean cancelIfFuture(Runnable task) {
    if (task instanceof Future) {
      ((Future<?>) task).cancel(false);
      return true;
    }
    return false;
  }

  /** A call or task that held a place has finished: hand the place to the next one waiting. */
  void release() {
    Runnable next = nextOrRelease();
    if (next != null) {
      dispatchFrom(next, null, true);
    }
  }

  /**
   * The runner of a call that held a place is done with it. When the pool has nothing else queued for this thread,
   * the lane's next call is returned, to run on it at once: that spares the handoff through the pool's queue and
   * the wake-up of another thread, which is most of what a call costs in a busy lane. Otherwise the place is handed
   * on as {@link #release()} does, behind whatever else the pool has queued, so a lane never monopolizes a thread
   * other work is waiting for.
   */
  @Nullable CallFuture<?> releaseToRunner() {
    if (!(pool instanceof QueueingPool)) {
      release();
      return null;
    }
    Runnable next = nextOrRelease();
    if (next == null) {
      return null;
    }
    if (next instanceof CallFuture && ((QueueingPool) pool).readyToRunInline()) {
      return (CallFuture<?>) next;
    }
    dispatchFrom(next, null, true);
    return null;
  }

  /** Gives the place to the next live waiting call, or frees it. */
  private @Nullable Runnable nextOrRelease() {
    synchronized (lock) {
      Runnable next;
      while ((next = waiting.poll()) != null) {
        if (next instanceof CallFuture) {
          CallFuture<?> call = (CallFuture<?>) next;
          if (call.isPastQueue()) {
            continue; // ended while it waited: skip it
          }
          call.holdsLanePlace = true;
        }
        return next;
      }
      active--;
      return null;
    }
  }

  /** A call that had not run was ended (cancelled, timed out): free its place if it held one. */
  void ended(CallFuture<?> call) {
    boolean heldPlace;
    synchronized (lock) {
      // One still waiting stays in the queue, skipped when its turn comes: removing it would cost O(n) a cancel.
      heldPlace = call.holdsLanePlace;
    }
    if (heldPlace) {
      if (pool instanceof QueueingPool) {
        ((QueueingPool) pool).remove(call);
      }
      release();
    }
  }

  /** For tests and {@code toString}: calls waiting for a place. */
  int waiting() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "Lane[" + active + "/" + limit + " active, " + waiting.size() + " waiting]";
    }
  }

  /**
   * A plain task in the lane: gives its place back when it has run, or when a pool that is stopped now drops it
   * unrun (a pool cancels the queued tasks that are {@link Future}s); then a task that is itself a {@code Future} is
   * cancelled too, so that whoever waits on it hears of it.
   */
  private final class PlainTask extends FutureTask<@Nullable Void> {
    final Runnable task;

    PlainTask(Runnable task) {
      super(task, null);
      this.task = task;
    }

    @Override
    protected void done() {
      if (isCancelled()) {
        cancelIfFuture(task);
      }
      release();
    }

    /** A task that throws is reported, as the pool reports a plain task's failure, rather than kept unread. */
    @Override
    protected void setException(Throwable failure) {
      super.setException(failure);
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, failure);
    }
  }
}
