package dev.thimble;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One call: the future a face returns and the task the pool runs, in one object.
 *
 * <p>Its {@link #state} decides, by compare-and-set, who ends the call: exactly one of the pool thread (it ran),
 * a canceller (or anyone completing the future from outside), the timer, or the dispatcher (the pool refused it).
 * Only the winner completes the future, after counting the outcome (so {@code stats()} and listeners have seen it
 * by the time a dependant runs); for a call that never ran it also frees its place in the lane, which the runner
 * frees for a call that ran. So every call ends once, is counted once, nothing runs twice and no place is lost.
 *
 * <p>Interrupts follow {@link java.util.concurrent.FutureTask}: a canceller moves RUNNING to INTERRUPTING,
 * interrupts the runner and sets INTERRUPTED; the runner waits out INTERRUPTING before it clears its interrupt flag
 * and takes another call, so an interrupt never reaches the next call.
 */
final class CallFuture<R extends @Nullable Object> extends CompletableFuture<R> implements Runnable {
  static final int NEW = 0;
  static final int RUNNING = 1;
  /** The body returned; its completion is under way (perhaps on the completion executor). */
  static final int RAN = 2;
  static final int INTERRUPTING = 3;
  static final int INTERRUPTED = 4;
  /** Ended from outside while running, without an interrupt: the body's result will be dropped. */
  static final int ABANDONED = 5;
  /** Ended before it ran: cancelled, timed out or rejected. It never runs. */
  static final int ENDED_UNSTARTED = 6;

  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<CallFuture> STATE =
      AtomicIntegerFieldUpdater.newUpdater(CallFuture.class, "state");
  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<CallFuture, Thread> RUNNER =
      AtomicReferenceFieldUpdater.newUpdater(CallFuture.class, Thread.class, "runner");

  /**
   * Changed only by compare-and-set through {@link #STATE}, except {@code INTERRUPTING -> INTERRUPTED}, which only the
   * thread that won {@code INTERRUPTING} writes. No lock.
   */
  private volatile int state;

  final CallEngine engine;
  final CallPlan plan;
  /**
   * Dropped ({@link #dropState}) when the call ends unrun, with {@link #args}: a lambda's invoker holds its captures.
   * Set before dispatch, read by the runner after the pool's handoff, cleared only by the winner of {@code NEW ->
   * ENDED_UNSTARTED}, so never while a runner reads it.
   */
  private @Nullable Invoker invoker;
  private @Nullable Object @Nullable [] args;
  final boolean waitForRoom;
  /** {@code System.nanoTime()} when made, if the engine times calls; else 0. */
  final long submittedAt;
  // snapshots, callSite and ifAbandoned: written on the caller's thread before the call is dispatched (and before its
  // timeout is scheduled), read after; the pool's (or the timer's) handoff orders them, no lock. dropState() clears
  // snapshots and ifAbandoned as it does invoker.
  ContextPropagator.@Nullable Snapshot @Nullable [] snapshots;
  @Nullable Throwable callSite;
  /** Takes a value the body returned after the call had ended. */
  @Nullable Consumer<@Nullable Object> ifAbandoned;
  /** Volatile, no lock: set by the runner, read by a canceller to interrupt it. */
  private volatile @Nullable Thread runner;
  /** Volatile, no lock: set after scheduling, read by whoever ends the call ({@link #startTimeout}). */
  private volatile @Nullable ScheduledFuture<?> timeout;
  /** Whether this call holds one of its lane's places. Guarded by the lane's lock ({@code LaneExecutor.lock}). */
  boolean holdsLanePlace;

  CallFuture(CallEngine engine, CallPlan plan, Invoker invoker, @Nullable Object @Nullable [] args,
      boolean waitForRoom) {
    this.engine = engine;
    this.plan = plan;
    this.invoker = invoker;
    this.args = args;
    this.waitForRoom = waitForRoom;
    this.submittedAt = engine.timed ? System.nanoTime() : 0L;
  }

  /** Whether the call has ended or runs: a queued copy of it is dead. */
  boolean isPastQueue() {
    return state != NEW;
  }

  @Override
  public void run() {
    // A lane may hand its next call to this very thread when this one is done (LaneExecutor.releaseToRunner).
    CallFuture<?> call = this;
    int ran = 0;
    do {
      call = call.runOnce(++ran < LaneExecutor.INLINE_BATCH);
    } while (call != null);
  }

  /** Runs this call; returns the lane's next call if it is to run on this thread now. */
  private @Nullable CallFuture<?> runOnce(boolean withinBatch) {
    if (!STATE.compareAndSet(this, NEW, RUNNING)) {
      // Ended before it ran (whoever ended it freed its place), or run already by a pool that runs a task twice:
      // either way this thread must not touch runner, which belongs to the thread that won.
      return null;
    }
    Thread me = Thread.currentThread();
    runner = me;
    int s = state;
    if (s == INTERRUPTING || s == INTERRUPTED) {
      me.interrupt(); // the canceller won before it could see this thread in runner: interrupt as it would have
    }
    boolean timed = engine.timed;
    long startedAt = timed ? System.nanoTime() : 0L;
    engine.started(this, startedAt - submittedAt);
    Object result = null;
    Throwable error = null;
    try {
      result = engine.runWithContext(this, invoker(), args);
    } catch (Throwable e) {
      error = e;
    }
    long runNanos = timed ? System.nanoTime() - startedAt : 0L;
    if (STATE.compareAndSet(this, RUNNING, RAN)) {
      // No canceller reads runner once RAN is set (it would have to win RUNNING first): an ordered write will do,
      // and spares the pool thread a full fence per call.
      RUNNER.lazySet(this, null);
      // The place goes first: a dependent stage run by the completion below may make a call in this lane and wait
      // for it, which it could not while this call held the place.
      CallFuture<?> next = engine.freePlace(this, completesHere(), withinBatch);
      if (next == null) {
        engine.ran(this, result, error, runNanos);
        return null;
      }
      LaneExecutor lane = engine.lane; // a next call comes only from a lane
      if (lane == null) {
        throw new IllegalStateException("unreachable: a next call without a lane");
      }
      lane.keep(next);
      try {
        engine.ran(this, result, error, runNanos);
      } finally {
        next = lane.endKeep(); // null if a dependent stage added meanwhile made a call in the lane
      }
      return next;
    } else {
      // Cancelled or timed out while running: the future has its outcome already.
      while (state == INTERRUPTING) {
        Thread.yield(); // the canceller is between CAS and interrupt(); it takes nanoseconds
      }
      runner = null;
      Thread.interrupted(); // that interrupt was for this call only
      engine.ranAfterEnd(this, result, error, runNanos);
    }
    return engine.freePlace(this, false, withinBatch);
  }

  private Invoker invoker() {
    Invoker i = invoker;
    if (i == null) {
      throw new IllegalStateException("unreachable: the state of an ended call was dropped"); // ran after NEW only
    }
    return i;
  }

  /**
   * Whether completing this call here runs no code that could wait for the lane: it has no dependent stage now and
   * no completion executor to hand it to. Only then may the lane's next call be kept for this thread.
   */
  private boolean completesHere() {
    return engine.completeOn != null || getNumberOfDependents() == 0;
  }

  /**
   * Lets go of what the call would have run with, once it ended without running: a cancelled or timed-out call
   * still referenced from a lane's queue (until it is swept) or by its caller must not keep its arguments alive.
   * Called only by the winner of NEW to ENDED_UNSTARTED, so never while a runner reads them.
   */
  private void dropState() {
    invoker = null;
    args = null;
    snapshots = null;
    ifAbandoned = null;
  }

  // ---- completion by the runner, through the engine ----

  /** Called only by the runner that won RUNNING to RAN. */
  @SuppressWarnings("unchecked")
  void completeRan(@Nullable Object result, @Nullable Throwable error, long runNanos) {
    endTimeout();
    if (error == null) {
      engine.succeeded(this, runNanos);
      super.complete((R) result);
    } else {
      addCallSite(error);
      engine.failed(this, error, runNanos);
      super.completeExceptionally(error);
    }
  }

  // ---- ending from outside: cancel, complete, completeExceptionally ----

  /**
   * Cancels the call: a queued call is removed and never runs; a running one is interrupted if the thimble's
   * {@code interruptOnCancel} policy says so (the default), whatever {@code mayInterruptIfRunning} says. Returns
   * {@code false} once the call has ended or has returned (its outcome may still be on its way to a completion
   * executor). Cancelling a stage derived from this future ({@code thenApply}, ...) does not reach the call, as
   * with any {@link CompletableFuture}.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return endFromOutside(null, null, true);
  }

  /** Completes the future from outside; the call is abandoned as if cancelled. */
  @Override
  public boolean complete(R value) {
    return endFromOutside(value, null, false);
  }

  /** Fails the future from outside; the call is abandoned as if cancelled. */
  @Override
  public boolean completeExceptionally(Throwable error) {
    Objects.requireNonNull(error, "error == null");
    return endFromOutside(null, error, false);
  }

  private boolean endFromOutside(@Nullable R value, @Nullable Throwable error, boolean cancel) {
    return end() && finishOutside(value, error, cancel);
  }

  /**
   * Ends the call from outside (a canceller, the timer): a queued call never runs, and frees its place here; a
   * running one is interrupted or abandoned, as the policy says. Returns whether this thread ended it; {@code false}
   * once it has ended or has returned (its outcome may be on its way through the completion executor): too late,
   * as for a {@link java.util.concurrent.FutureTask} that has completed.
   */
  private boolean end() {
    while (true) {
      int s = state;
      if (s == NEW) {
        if (STATE.compareAndSet(this, NEW, ENDED_UNSTARTED)) {
          dropState();
          engine.dequeued(this);
          return true;
        }
      } else if (s == RUNNING) {
        if (engine.interruptOnCancel) {
          if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            interruptRunner();
            return true;
          }
        } else if (STATE.compareAndSet(this, RUNNING, ABANDONED)) {
          return true;
        }
      } else {
        return false;
      }
    }
  }

  /** Called only by the winner of a state change that ends the call from outside. */
  private boolean finishOutside(@Nullable R value, @Nullable Throwable error, boolean cancel) {
    endTimeout();
    engine.cancelled(this, hasStarted());
    return cancel ? super.cancel(false) : error != null ? super.completeExceptionally(error) : super.complete(value);
  }

  private boolean hasStarted() {
    return state != ENDED_UNSTARTED;
  }

  private void interruptRunner() {
    Thread t = runner;
    if (t != null) {
      t.interrupt();
    }
    state = INTERRUPTED;
  }

  // ---- ending by the timer ----

  void startTimeout() {
    ScheduledFuture<?> task = CallTimer.schedule(this::timeOut, plan.timeoutNanos);
    timeout = task;
    if (isDone()) {
      task.cancel(false); // ended before the field was set: endTimeout() could not see it
    }
  }

  private void endTimeout() {
    ScheduledFuture<?> task = timeout;
    if (task != null) {
      task.cancel(false);
    }
  }

  private void timeOut() {
    if (!end()) {
      return; // ended already
    }
    boolean started = hasStarted();
    TimeoutException error = new TimeoutException(
        plan.description + " timed out after " + plan.timeoutText() + " (counted from submission; the call was "
            + (!started ? "still queued and will not run)"
            : engine.interruptOnCancel ? "running and was interrupted)" : "running and was left to finish)"));
    engine.complete(this, () -> {
      addCallSite(error);
      engine.timedOut(this, error, started);
      super.completeExceptionally(error);
    });
  }

  // ---- ending by the dispatcher: the pool refused the call ----

  /**
   * Fails a call the pool refused as it was made: the caller gets a future that has failed already. Returns whether
   * it did; {@code false} means the call had ended already (a canceller won), and that canceller freed its place.
   */
  boolean reject(RejectedExecutionException error) {
    if (!STATE.compareAndSet(this, NEW, ENDED_UNSTARTED)) {
      return false;
    }
    dropState();
    endTimeout();
    completeRejected(error);
    return true;
  }

  /**
   * Fails a call that the pool refused after it was accepted (it waited in a lane), through the completion
   * executor like any other outcome that arrives later. Returns as {@link #reject} does.
   */
  boolean rejectLate(RejectedExecutionException error) {
    if (!STATE.compareAndSet(this, NEW, ENDED_UNSTARTED)) {
      return false;
    }
    dropState();
    endTimeout();
    engine.complete(this, () -> completeRejected(error));
    return true;
  }

  private void completeRejected(RejectedExecutionException error) {
    addCallSite(error);
    engine.rejected(this, error);
    super.completeExceptionally(error);
  }

  private void addCallSite(Throwable error) {
    Throwable site = callSite;
    if (site != null && error != site) {
      error.addSuppressed(site);
    }
  }

  @Override
  public String toString() {
    String[] names = {"queued", "running", "ran", "interrupting", "interrupted", "abandoned", "ended"};
    String outcome = !isDone() ? "" : isCancelled() ? ", cancelled" : isCompletedExceptionally() ? ", failed"
        : ", succeeded";
    return "Call[" + plan.description + ", " + names[state] + outcome + "]";
  }
}
