package dev.thimble;

import dev.thimble.internal.PoolRefusals;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
  /**
   * What thimble's own pools offer their lanes. A lane over any other pool hands calls on with {@link
   * ThimblePool#executeWhenRoom} and is not told of {@code stopNow()}: its waiting calls then end as the running
   * ones free their places.
   */
  interface Host {
    /**
     * Runs a call or task that a lane accepted before the pool stopped and now gives a place: it waits for room, is
     * taken during a graceful {@code stop()} from any thread (a graceful stop runs what it accepted, however the
     * place was freed: by a call that returned, or by a cancel or a timeout), and is refused after {@code
     * stopNow()}.
     *
     * @throws RejectedExecutionException if the pool is not started, was stopped now, or has no thread left
     */
    void handOn(Runnable task);

    /** Tells {@code lane} (held weakly) of {@code stopNow()}, at once if it was called already. */
    void onStopNow(LaneExecutor lane);

    /**
     * Whether the calling thread, which just ran one of a lane's calls on this pool, may run the lane's next call
     * itself rather than hand it to the pool: the pool is not stopping, the thread was not interrupted (an executor
     * shutting down interrupts its threads), and nothing else is known to wait for a thread. A {@link QueueingPool}
     * answers the same question, for its own queue, with the same method.
     */
    boolean readyToRunInline();
  }

  /**
   * How many calls of one lane a thread runs one after the other ({@link CallFuture#run}) on a pool that is not a
   * {@link QueueingPool}, whose queue thimble cannot see, before it hands the next one to the pool: a bound on how
   * long a busy lane keeps a borrowed executor's thread from other work (Kotlin's {@code LimitedDispatcher} bounds its
   * batches likewise; Guava's sequential executor does not).
   */
  static final int INLINE_BATCH = 256;

  /** Ended calls reported by {@link #ended} before the waiting queue may be swept of them. */
  private static final int SWEEP_AT = 32;

  /**
   * Per thread: the lane whose places this thread is handing on, and the places freed meanwhile on this thread. An
   * executor that runs tasks on the calling thread ({@code Runnable::run}, {@code CallerRunsPolicy}, {@code
   * InlinePool}) runs the next call inside the hand-on; when that call ends it frees its place on the same thread.
   * Handing that place on there would recurse once per waiting call, until the stack overflows; instead the place is
   * counted here and the outer hand-on loop takes it, so the depth stays constant.
   */
  private static final ThreadLocal<Trampoline> TRAMPOLINE = new ThreadLocal<Trampoline>() {
    @Override
    protected Trampoline initialValue() {
      return new Trampoline();
    }
  };

  private static final class Trampoline {
    @Nullable LaneExecutor lane;
    int places;
    /** The lane whose next call this thread keeps while it completes the call before it ({@link #keep}). */
    @Nullable LaneExecutor keptBy;
    @Nullable CallFuture<?> kept;
  }

  private final ThimblePool pool;
  private final @Nullable Host host;
  private final int limit;

  private final Object lock = new Object();
  /** Calls and tasks on the pool (queued there or running). Guarded by {@link #lock}. */
  private int active;
  /** Guarded by {@link #lock}. */
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  /**
   * Calls reported ended ({@link #ended}) while they waited, since the last sweep; a sweep removes them when they are
   * many, so that a storm of cancels behind a stuck call does not keep them all. Guarded by {@link #lock}.
   */
  private int endedWaiting;
  /** Whether the host was asked to tell this lane of {@code stopNow()}. Guarded by {@link #lock}. */
  private boolean watchingStopNow;

  LaneExecutor(ThimblePool pool, int limit) {
    this.pool = pool;
    this.host = pool instanceof Host ? (Host) pool : null;
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  /** Runs a call in the lane. A refusal by the pool fails the call; it never throws. */
  void execute(CallFuture<?> call) {
    boolean placed = false;
    boolean waits = false;
    boolean watch = false;
    synchronized (lock) {
      if (call.isPastQueue()) {
        return; // timed out on its way here: it must not take a place, as its run() would never free it
      }
      if (active < limit) {
        active++;
        call.holdsLanePlace = true;
        placed = true;
      } else if (!pool.isStopped()) { // else rejected below: waiting would get it a place after a graceful stop
        waiting.add(call);
        waits = true;
        watch = !watchingStopNow && host != null;
        watchingStopNow = true;
      }
    }
    if (placed) {
      if (!send(call, false)) {
        release();
      }
    } else if (waits) {
      giveAwayKept(); // it may be waiting for the place this very thread keeps
      if (watch) {
        // Once per lane, outside the lock (the host takes its own): a stopNow() must fail the waiting calls at once.
        host.onStopNow(this);
      }
    } else {
      call.reject(PoolRefusals.stopped(pool.name()));
    }
  }

  /**
   * Runs a plain task in the lane, waiting for room in the pool.
   *
   * @throws RejectedExecutionException if the pool refuses it at once (stopped)
   */
  @Override
  public void execute(Runnable task) {
    PlainTask plain = new PlainTask(task);
    boolean placed = false;
    boolean watch = false;
    synchronized (lock) {
      if (active < limit) {
        active++;
        plain.holdsPlace = true;
        placed = true;
      } else if (pool.isStopped()) {
        throw PoolRefusals.stopped(pool.name());
      } else {
        waiting.add(plain);
        watch = !watchingStopNow && host != null;
        watchingStopNow = true;
      }
    }
    if (!placed) {
      giveAwayKept();
    }
    if (watch) {
      host.onStopNow(this);
    }
    if (placed) {
      try {
        pool.executeWhenRoom(plain);
      } catch (RejectedExecutionException e) {
        release();
        throw e;
      }
    }
  }

  /**
   * Sends {@code task}, which holds a place, to the pool. Returns {@code false} if the pool refused it and so freed
   * the place, for the caller to hand on.
   *
   * <p>A {@code handoff} (the task waited in the lane and a place was just freed for it) waits for room in the pool
   * instead of failing on a full one, and is taken by a pool that stops gracefully: the call was accepted when it
   * joined the lane. A refused plain task is cancelled if it is a {@link Future} (the Kotlin dispatcher's are), and
   * otherwise run on this thread, so that it is never lost.
   */
  private boolean send(Runnable task, boolean handoff) {
    if (task instanceof CallFuture) {
      CallFuture<?> call = (CallFuture<?>) task;
      RejectedExecutionException refusal;
      try {
        if (handoff) {
          handOn(call);
        } else if (call.waitForRoom) {
          pool.executeWhenRoom(call);
        } else {
          pool.execute(call);
        }
        return true;
      } catch (RejectedExecutionException e) {
        refusal = e;
      } catch (Throwable e) {
        refusal = new RejectedExecutionException("pool " + pool.name() + " failed to take the call: " + e, e);
      }
      // Losing the race to a canceller counts as taken: the canceller frees the place. One that waited in the lane
      // has its future in its caller's hands already: it fails through the completion executor, as a later outcome.
      return !(handoff ? call.rejectLate(refusal) : call.reject(refusal));
    }
    PlainTask plain = (PlainTask) task;
    try {
      handOn(plain);
      return true;
    } catch (RejectedExecutionException e) {
      plain.holdsPlace = false;
      if (!cancelIfFuture(plain.task)) {
        try {
          plain.task.run(); // no pool to run it on and no one to tell: run it here rather than lose it
        } catch (Throwable failure) {
          Thread t = Thread.currentThread();
          t.getUncaughtExceptionHandler().uncaughtException(t, failure);
        }
      }
      return false;
    }
  }

  private void handOn(Runnable task) {
    Host h = host;
    if (h != null) {
      h.handOn(task);
    } else {
      pool.executeWhenRoom(task);
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

  /**
   * A call or task that held a place has finished: hand the place to the next one waiting. Iterative whatever the
   * pool does: see {@link #TRAMPOLINE}.
   */
  void release() {
    Trampoline t = TRAMPOLINE.get();
    if (t.lane == this) {
      t.places++; // this thread is in this lane's hand-on loop, further up its stack: that loop hands it on
      return;
    }
    handOn(t, nextOrRelease());
  }

  /** Hands on {@code next}, which was given a freed place, as {@link #release()} does. */
  private void handOnTaken(Runnable next) {
    Trampoline t = TRAMPOLINE.get();
    if (t.lane == this) {
      if (!send(next, true)) { // within this lane's hand-on loop: one level deeper at most, as it hands on places
        t.places++;
      }
      return;
    }
    handOn(t, next);
  }

  /** The hand-on loop: sends {@code next}, then any place freed meanwhile on this thread goes to the next waiting. */
  private void handOn(Trampoline t, @Nullable Runnable next) {
    if (next == null) {
      return;
    }
    LaneExecutor outerLane = t.lane; // another lane's loop further up (a call of one lane calling another's face)
    int outerPlaces = t.places;
    t.lane = this;
    t.places = 0;
    try {
      while (next != null) {
        if (!send(next, true)) {
          t.places++;
        }
        next = null;
        while (next == null && t.places > 0) {
          t.places--;
          next = nextOrRelease();
        }
      }
    } finally {
      t.lane = outerLane;
      t.places = outerPlaces;
    }
  }

  /**
   * The runner of a call that held a place is done with it. When the pool has nothing else queued for this thread,
   * and {@code mayRunNextHere}, the lane's next call is returned, to run on it at once: that spares the handoff
   * through the pool's queue and the wake-up of another thread, which is most of what a call costs in a busy lane.
   * Otherwise the place is handed on as {@link #release()} does, behind whatever else the pool has queued, so a
   * lane never monopolizes a thread other work is waiting for.
   */
  @Nullable CallFuture<?> releaseToRunner(boolean mayRunNextHere, boolean withinBatch) {
    if (pool instanceof QueueingPool) {
      Runnable next = nextOrRelease();
      if (next == null) {
        return null;
      }
      if (mayRunNextHere && next instanceof CallFuture && ((QueueingPool) pool).readyToRunInline()) {
        return (CallFuture<?>) next;
      }
      if (!send(next, true)) {
        release(); // refused (stopped now): the place goes to the next one waiting, which is refused in turn
      }
      return null;
    }
    // Any other pool: run the next call here, as Guava's sequential executor drains its queue on one thread, sparing
    // a trip through the executor's queue per call; but only within a batch, since the executor's queue is unseen.
    Host h = host;
    if (!mayRunNextHere || !withinBatch || h == null || !h.readyToRunInline()) {
      release();
      return null;
    }
    Runnable next = nextOrRelease();
    if (next == null || next instanceof CallFuture) {
      return (CallFuture<?>) next;
    }
    handOnTaken(next); // a plain task took the place: it goes through the pool, as release() would send it
    return null;
  }

  /**
   * Keeps {@code next}, given the place of the call this thread just ran, for this thread to run once it has
   * completed that call. Completing it runs no dependent stage (the runner checked), unless one was added in the
   * meantime; should such a stage, or anything else on this thread, make a call in this lane while the place is kept,
   * {@link #giveAwayKept} sends {@code next} to the pool, so that the new call is not left waiting for a place this
   * thread would only free after it.
   */
  void keep(CallFuture<?> next) {
    Trampoline t = TRAMPOLINE.get();
    t.keptBy = this;
    t.kept = next;
  }

  /** Ends {@link #keep}: returns the kept call, to run on this thread, or {@code null} if it was given away. */
  @Nullable CallFuture<?> endKeep() {
    Trampoline t = TRAMPOLINE.get();
    CallFuture<?> kept = t.kept;
    t.kept = null;
    t.keptBy = null;
    return kept;
  }

  /** A call or task of this thread waits in this lane: the call this thread keeps goes to the pool instead. */
  private void giveAwayKept() {
    Trampoline t = TRAMPOLINE.get();
    CallFuture<?> kept = t.kept;
    if (kept != null && t.keptBy == this) {
      t.kept = null;
      if (!send(kept, true)) {
        release();
      }
    }
  }

  /** Gives the place to the next live waiting call, or frees it. */
  private @Nullable Runnable nextOrRelease() {
    synchronized (lock) {
      Runnable next;
      while ((next = waiting.poll()) != null) {
        if (next instanceof CallFuture) {
          CallFuture<?> call = (CallFuture<?>) next;
          if (call.isPastQueue()) {
            if (endedWaiting > 0) {
              endedWaiting--;
            }
            continue; // ended while it waited: skip it
          }
          call.holdsLanePlace = true;
        } else {
          ((PlainTask) next).holdsPlace = true;
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
      heldPlace = call.holdsLanePlace;
      // One still waiting stays in the queue, skipped when its turn comes, until the ended ones are as many as half
      // the queue: then one sweep removes them all. A cancel costs O(1) amortized, and a storm of cancels behind a
      // stuck call keeps no more than about as many ended calls as live ones (each has dropped its arguments).
      if (!heldPlace && ++endedWaiting >= SWEEP_AT && endedWaiting > waiting.size() >> 1) {
        waiting.removeIf(LaneExecutor::hasEnded);
        endedWaiting = 0;
      }
    }
    if (heldPlace) {
      if (pool instanceof QueueingPool) {
        ((QueueingPool) pool).remove(call);
      }
      release();
    }
  }

  private static boolean hasEnded(Runnable waitingTask) {
    return waitingTask instanceof CallFuture && ((CallFuture<?>) waitingTask).isPastQueue();
  }

  /**
   * The pool was stopped now: the calls waiting here are refused at once, as they would have been when their turn
   * came, rather than when the running ones return (a call that ignores interrupts may never). A waiting plain
   * task is dropped, and cancelled if it is a {@link Future}, as the pool drops its own. New calls are refused from
   * now on, as the pool is stopped.
   */
  void stopNow() {
    List<Runnable> dropped;
    synchronized (lock) {
      if (waiting.isEmpty()) {
        return;
      }
      dropped = new ArrayList<>(waiting);
      waiting.clear();
      endedWaiting = 0;
    }
    // Outside the lock: failing completes futures, which runs their dependants.
    for (Runnable task : dropped) {
      if (task instanceof CallFuture) {
        // One exception each: a call-site trace is added to it.
        ((CallFuture<?>) task).rejectLate(PoolRefusals.stopped(pool.name()));
      } else {
        cancelIfFuture(((PlainTask) task).task);
      }
    }
  }

  /**
   * A {@link Host}'s list of the lanes to tell of {@code stopNow()}. Lanes are held weakly, so that thimbles made
   * and dropped over a long-lived pool are not kept; a lane registers once, the first time a call waits in it.
   */
  static final class StopNowWatchers {
    // Guarded by this.
    private final List<WeakReference<LaneExecutor>> lanes = new ArrayList<>();
    private int pruneAt = 16;
    private boolean stoppedNow;

    void add(LaneExecutor lane) {
      synchronized (this) {
        if (!stoppedNow) {
          lanes.add(new WeakReference<>(lane));
          if (lanes.size() >= pruneAt) {
            lanes.removeIf(ref -> ref.get() == null);
            pruneAt = Math.max(16, 2 * lanes.size());
          }
          return;
        }
      }
      lane.stopNow(); // registered after the stopNow(): its calls were waiting already, or will be refused
    }

    /** Whether a registered lane has calls waiting for a place. Takes the lanes' locks: never call it under one. */
    synchronized boolean anyWaiting() {
      for (WeakReference<LaneExecutor> ref : lanes) {
        LaneExecutor lane = ref.get();
        if (lane != null && lane.hasWaiting()) {
          return true;
        }
      }
      return false;
    }

    /** Tells every registered lane, once; call after the pool refuses new calls. */
    void stopNow() {
      List<LaneExecutor> toStop = new ArrayList<>();
      synchronized (this) {
        if (stoppedNow) {
          return;
        }
        stoppedNow = true;
        for (WeakReference<LaneExecutor> ref : lanes) {
          LaneExecutor lane = ref.get();
          if (lane != null) {
            toStop.add(lane);
          }
        }
        lanes.clear();
      }
      for (LaneExecutor lane : toStop) {
        lane.stopNow();
      }
    }
  }

  /** Whether a call or task waits for a place; ended calls at the head are dropped on the way. */
  boolean hasWaiting() {
    synchronized (lock) {
      Runnable head;
      while ((head = waiting.peek()) != null && hasEnded(head)) {
        waiting.poll();
        if (endedWaiting > 0) {
          endedWaiting--;
        }
      }
      return head != null;
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
    /** Set when it was given a place; written before it is sent to the pool, read by the thread that runs it. */
    boolean holdsPlace;

    PlainTask(Runnable task) {
      super(task, null);
      this.task = task;
    }

    @Override
    protected void done() {
      if (isCancelled()) {
        cancelIfFuture(task);
      }
      if (holdsPlace) {
        release();
      }
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
