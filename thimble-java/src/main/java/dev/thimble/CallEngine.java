package dev.thimble;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One thimble's call machinery and policies: how calls are dispatched (through a lane or straight to the pool),
 * where their futures complete, what context they carry, and what they are counted as.
 */
final class CallEngine {
  final ThimblePool pool;
  final @Nullable LaneExecutor lane;
  final @Nullable Executor completeOn;
  final boolean interruptOnCancel;
  final boolean captureCallSite;
  private final ContextPropagator[] propagators;
  private final @Nullable ThimbleListener listener;

  private final LongAdder submitted = new LongAdder();
  private final LongAdder started = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  /** Calls that ended before they ran (cancelled, timed out or rejected while queued). */
  private final LongAdder endedUnstarted = new LongAdder();
  private final LongAdder queueWaitNanos = new LongAdder();
  private final LongAdder runNanos = new LongAdder();

  CallEngine(ThimblePool pool, int maxConcurrency, @Nullable Executor completeOn, boolean interruptOnCancel,
      boolean captureCallSite, List<ContextPropagator> propagators, @Nullable ThimbleListener listener) {
    this.pool = pool;
    this.lane = maxConcurrency > 0 ? new LaneExecutor(pool, maxConcurrency) : null;
    this.completeOn = completeOn;
    this.interruptOnCancel = interruptOnCancel;
    this.captureCallSite = captureCallSite;
    this.propagators = propagators.toArray(new ContextPropagator[0]);
    this.listener = listener;
  }

  /** Makes a call. Never throws for a failure of the call: the future carries it. */
  <R extends @Nullable Object> CallFuture<R> submit(CallPlan plan, Invoker invoker, @Nullable Object @Nullable [] args,
      boolean waitForRoom, @Nullable RejectedExecutionException refusal,
      @Nullable Consumer<@Nullable Object> ifAbandoned) {
    CallFuture<R> call = new CallFuture<>(this, plan, invoker, args, waitForRoom);
    call.ifAbandoned = ifAbandoned;
    submitted.increment();
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.submitted(plan.name);
      } catch (Throwable e) {
        report(e);
      }
    }
    if (captureCallSite) {
      call.callSite = new CallSiteException(plan.description);
    }
    if (refusal != null) {
      call.reject(refusal);
      return call;
    }
    if (propagators.length > 0) {
      try {
        call.snapshots = capture();
      } catch (Throwable e) {
        call.reject(new RejectedExecutionException("a ContextPropagator failed to capture: " + e, e));
        return call;
      }
    }
    if (plan.timeoutNanos > 0) {
      call.startTimeout();
    }
    LaneExecutor l2 = lane;
    if (l2 != null) {
      l2.execute(call);
    } else {
      dispatch(call);
    }
    return call;
  }

  /** Hands a call to the pool; a refusal fails the call. Returns whether the pool took it. */
  boolean dispatch(CallFuture<?> call) {
    try {
      if (call.waitForRoom) {
        pool.executeWhenRoom(call);
      } else {
        pool.execute(call);
      }
      return true;
    } catch (RejectedExecutionException e) {
      call.reject(e);
    } catch (Throwable e) {
      call.reject(new RejectedExecutionException("pool " + pool.name() + " failed to take the call: " + e, e));
    }
    return false;
  }

  private ContextPropagator.Snapshot[] capture() {
    ContextPropagator.Snapshot[] snapshots = new ContextPropagator.Snapshot[propagators.length];
    for (int i = 0; i < propagators.length; i++) {
      snapshots[i] = propagators[i].capture();
    }
    return snapshots;
  }

  /** Runs the call's body between restoring and closing its context. */
  @Nullable Object runWithContext(CallFuture<?> call, Invoker invoker, @Nullable Object @Nullable [] args)
      throws Exception {
    ContextPropagator.@Nullable Snapshot @Nullable [] snapshots = call.snapshots;
    if (snapshots == null) {
      return invoker.invoke(args);
    }
    ContextPropagator.Scope[] scopes = new ContextPropagator.Scope[snapshots.length];
    int restored = 0;
    Throwable failure = null;
    Object result = null;
    try {
      for (; restored < snapshots.length; restored++) {
        ContextPropagator.Snapshot snapshot = snapshots[restored];
        scopes[restored] = snapshot == null ? () -> {} : snapshot.restore();
      }
      result = invoker.invoke(args);
    } catch (Throwable e) {
      failure = e;
    } finally {
      // Innermost first, and every one of them, whatever happened.
      for (int i = restored - 1; i >= 0; i--) {
        try {
          scopes[i].close();
        } catch (Throwable e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw Sneaky.<Exception>rethrow(failure);
    }
    return result;
  }

  // ---- events from CallFuture ----

  void started(CallFuture<?> call, long waitNanos) {
    started.increment();
    queueWaitNanos.add(waitNanos);
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.started(call.plan.name, waitNanos);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  /** The body returned or threw: complete the future, on the completion executor if there is one. */
  void ran(CallFuture<?> call, @Nullable Object result, @Nullable Throwable error, long nanos) {
    runNanos.add(nanos);
    if (completeOn == null) {
      call.completeRan(result, error, nanos); // the common case, without allocating a completion
    } else {
      complete(call, () -> call.completeRan(result, error, nanos));
    }
  }

  /**
   * The body returned after its call had ended (cancelled or timed out while running). A value it returned reaches
   * no caller: it goes to the call's {@code ifAbandoned}, if it has one, so that a resource is not lost.
   */
  void ranAfterEnd(CallFuture<?> call, @Nullable Object result, @Nullable Throwable error, long nanos) {
    runNanos.add(nanos);
    Consumer<@Nullable Object> abandoned = call.ifAbandoned;
    if (abandoned != null && error == null) {
      try {
        abandoned.accept(result);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  /** Runs a completion on the completion executor, or here; never loses it. */
  void complete(CallFuture<?> call, Runnable completion) {
    Executor e = completeOn;
    if (e == null) {
      completion.run();
      return;
    }
    try {
      e.execute(completion);
    } catch (Throwable refused) {
      // The completion executor is gone (an Android looper quit, say): complete here rather than never.
      completion.run();
    }
  }

  void succeeded(CallFuture<?> call, long nanos) {
    succeeded.increment();
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.succeeded(call.plan.name, nanos);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void failed(CallFuture<?> call, Throwable error, long nanos) {
    failed.increment();
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.failed(call.plan.name, error, nanos);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void cancelled(CallFuture<?> call, boolean hadStarted) {
    if (!hadStarted) {
      endedUnstarted.increment();
    }
    cancelled.increment();
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.cancelled(call.plan.name);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void rejected(CallFuture<?> call, RejectedExecutionException error) {
    endedUnstarted.increment();
    rejected.increment();
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.rejected(call.plan.name, error);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void timedOut(CallFuture<?> call, TimeoutException error, boolean hadStarted) {
    if (!hadStarted) {
      endedUnstarted.increment();
    }
    timedOut.increment();
    ThimbleListener l = listener;
    if (l != null) {
      try {
        l.timedOut(call.plan.name, error);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  /** A call that had not run was ended from outside: free its place in the lane or the pool's queue. */
  void dequeued(CallFuture<?> call) {
    LaneExecutor l = lane;
    if (l != null) {
      l.ended(call);
    } else if (pool instanceof QueueingPool) {
      ((QueueingPool) pool).remove(call);
    }
  }

  /**
   * A call that ran is done with its pool thread. Returns the lane's next call, if it is to run on that thread;
   * only when {@code mayRunNextHere}: nothing this thread still has to do for the call could wait for the lane.
   */
  @Nullable CallFuture<?> freePlace(CallFuture<?> call, boolean mayRunNextHere) {
    LaneExecutor l = lane;
    return l == null ? null : l.releaseToRunner(mayRunNextHere);
  }

  private static void report(Throwable listenerError) {
    Thread t = Thread.currentThread();
    try {
      t.getUncaughtExceptionHandler().uncaughtException(t, listenerError);
    } catch (Throwable handlerError) {
      // A handler that throws has nowhere left to report to; the call it came from must still complete.
    }
  }

  /**
   * A consistent snapshot: the counters only grow, so two passes that read the same values saw them all at once.
   * Under a storm of calls the passes may never agree; then the last pass is used, still adding up because queued
   * and running are derived from the others.
   */
  ThimbleStats stats() {
    long[] previous = null;
    long[] now = readCounters();
    for (int attempt = 0; attempt < 16 && !java.util.Arrays.equals(previous, now); attempt++) {
      previous = now;
      now = readCounters();
    }
    long endedUnstartedCount = now[0];
    long succeededCount = now[1];
    long failedCount = now[2];
    long cancelledCount = now[3];
    long rejectedCount = now[4];
    long timedOutCount = now[5];
    long startedCount = now[6];
    long submittedCount = now[7];
    long finished = succeededCount + failedCount + cancelledCount + rejectedCount + timedOutCount;
    long running = Math.max(0, startedCount - (finished - endedUnstartedCount));
    long queued = Math.max(0, submittedCount - finished - running);
    // Should the passes never agree, submitted absorbs the difference so that the counts still add up.
    long submittedShown = queued + running + finished;
    return new ThimbleStats(submittedShown, queued, running, succeededCount, failedCount, cancelledCount,
        rejectedCount, timedOutCount, now[8], now[9]);
  }

  /** Reads the counters in the reverse order of a call's life, so each reads no less than what led to it. */
  private long[] readCounters() {
    return new long[] {
        endedUnstarted.sum(), succeeded.sum(), failed.sum(), cancelled.sum(), rejected.sum(), timedOut.sum(),
        started.sum(), submitted.sum(), queueWaitNanos.sum(), runNanos.sum()
    };
  }

  /** Carries the caller's stack: added as a suppressed exception to a failed call's exception. */
  static final class CallSiteException extends Exception {
    private static final long serialVersionUID = 1L;

    CallSiteException(String call) {
      super("called " + call + " from here");
    }
  }
}
