package dev.thimble;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One thimble's call machinery and policies: how calls are dispatched (through a lane or straight to the pool),
 * where their futures complete, what context they carry, and what they are counted as ({@link CallCounters}).
 */
final class CallEngine extends CallCounters {
  final ThimblePool pool;
  final @Nullable LaneExecutor lane;
  final @Nullable Executor completeOn;
  final boolean interruptOnCancel;
  final boolean captureCallSite;
  /** Whether calls are counted and timed for {@code stats()}: only if the builder asked ({@code recordStats}). */
  final boolean counted;
  /** Whether calls are timed: for {@code stats()} if counted, and for listeners, which hear the times. */
  final boolean timed;
  private final ContextPropagator[] propagators;
  private final @Nullable ListenerChain listeners;

  CallEngine(ThimblePool pool, int maxConcurrency, @Nullable Executor completeOn, boolean interruptOnCancel,
      boolean captureCallSite, boolean recordStats, List<ContextPropagator> propagators,
      @Nullable ListenerChain listeners) {
    this.pool = pool;
    this.lane = maxConcurrency > 0 ? new LaneExecutor(pool, maxConcurrency) : null;
    this.completeOn = completeOn;
    this.interruptOnCancel = interruptOnCancel;
    this.captureCallSite = captureCallSite;
    this.counted = recordStats;
    this.timed = recordStats || listeners != null;
    this.propagators = propagators.toArray(new ContextPropagator[0]);
    this.listeners = listeners;
  }

  /** Makes a call. Never throws for a failure of the call: the future carries it. */
  <R extends @Nullable Object> CallFuture<R> submit(CallPlan plan, Invoker invoker, @Nullable Object @Nullable [] args,
      boolean waitForRoom, @Nullable RejectedExecutionException refusal,
      @Nullable Consumer<@Nullable Object> ifAbandoned) {
    CallFuture<R> call = new CallFuture<>(this, plan, invoker, args, waitForRoom);
    call.ifAbandoned = ifAbandoned;
    if (counted) {
      submitted.increment();
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.submitted(plan.name);
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
    if (counted) {
      started.increment();
      queueWaitNanos.add(waitNanos);
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.started(call.plan.name, waitNanos);
    }
  }

  /** The body returned or threw: complete the future, on the completion executor if there is one. */
  void ran(CallFuture<?> call, @Nullable Object result, @Nullable Throwable error, long nanos) {
    if (counted) {
      runNanos.add(nanos);
    }
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
    if (counted) {
      runNanos.add(nanos);
    }
    Consumer<@Nullable Object> abandoned = call.ifAbandoned;
    if (abandoned != null && error == null) {
      try {
        abandoned.accept(result);
      } catch (Throwable e) {
        ListenerChain.report(e);
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
    if (counted) {
      succeeded.increment();
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.succeeded(call.plan.name, nanos);
    }
  }

  void failed(CallFuture<?> call, Throwable error, long nanos) {
    if (counted) {
      failed.increment();
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.failed(call.plan.name, error, nanos);
    }
  }

  void cancelled(CallFuture<?> call, boolean hadStarted) {
    if (counted) {
      if (!hadStarted) {
        endedUnstarted.increment();
      }
      cancelled.increment();
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.cancelled(call.plan.name);
    }
  }

  void rejected(CallFuture<?> call, RejectedExecutionException error) {
    if (counted) {
      endedUnstarted.increment();
      rejected.increment();
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.rejected(call.plan.name, error);
    }
  }

  void timedOut(CallFuture<?> call, TimeoutException error, boolean hadStarted) {
    if (counted) {
      if (!hadStarted) {
        endedUnstarted.increment();
      }
      timedOut.increment();
    }
    ListenerChain l = listeners;
    if (l != null) {
      l.timedOut(call.plan.name, error);
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
  @Nullable CallFuture<?> freePlace(CallFuture<?> call, boolean mayRunNextHere, boolean withinBatch) {
    LaneExecutor l = lane;
    return l == null ? null : l.releaseToRunner(mayRunNextHere, withinBatch);
  }

  /** Carries the caller's stack: added as a suppressed exception to a failed call's exception. */
  static final class CallSiteException extends Exception {
    private static final long serialVersionUID = 1L;

    CallSiteException(String call) {
      super("called " + call + " from here");
    }
  }
}
