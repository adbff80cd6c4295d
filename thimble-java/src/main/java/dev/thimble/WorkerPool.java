package dev.thimble;

import dev.thimble.internal.PoolRefusals;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The platform-thread pool of {@link ThimblePool#builder(String)}.
 *
 * <p>Unlike {@link java.util.concurrent.ThreadPoolExecutor}, it adds threads up to the maximum <em>before</em> it
 * queues calls, as Twisted's thread pool does; threads beyond the minimum retire after the keep-alive.
 */
final class WorkerPool implements ThimblePool, QueueingPool, ThreadOwningPool, LaneExecutor.Host {
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int STOPPING = 2;
  private static final int TERMINATED = 3;

  /** What {@link #take} gives a worker that retires: the worker has already been counted out of threads. */
  private static final Runnable RETIRED = () -> {};

  /**
   * How often the last thread of a graceful stop looks again whether a lane still has calls waiting, should their
   * waiting end without a handOn (all cancelled): only then, and only during a stop.
   */
  private static final long LANE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final int EXECUTE = 0;
  private static final int WHEN_ROOM = 1;
  private static final int HAND_ON = 2;

  private final String name;
  private final int minThreads;
  private final int maxThreads;
  private final long keepAliveNanos;
  private final int queueCapacity;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a task is queued or the state changes. */
  private final Condition workAvailable = lock.newCondition();
  /** Signalled when the state becomes TERMINATED. */
  private final Condition terminated = lock.newCondition();

  /** Written under lock, read without it (volatile) where a moment's staleness is harmless ({@link #isStopped()}). */
  private volatile int state = NEW;
  /**
   * {@code queue.size() + waiting.size()}, written under lock after each change: lets {@link #readyToRunInline()}
   * see, without taking the lock on every call of a busy lane, whether anything else waits for a thread. Written
   * under lock, read without it (volatile).
   */
  private volatile int backlog;
  /** Guarded by lock. */
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  /**
   * Tasks that asked to wait for room ({@link #executeWhenRoom}); they move to the queue as it drains. Guarded by
   * lock.
   */
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  /** Guarded by lock. */
  private int threads;
  /** Guarded by lock. */
  private int idleThreads;
  /**
   * Threads start() made that have not asked for a task yet: a queued call is theirs as if they were idle. Guarded by
   * lock.
   */
  private int startingThreads;
  /** Guarded by lock. */
  private int threadSequence;
  /** Threads that may still be alive: interrupted by stopNow, joined by awaitStopped. Guarded by lock. */
  private final Set<Thread> liveThreads = new HashSet<>();
  /**
   * Set by stopNow: a task a worker took just before must still see the interrupt. Written under lock, read without
   * it (volatile).
   */
  private volatile boolean interruptTasks;
  /** Has a lock of its own, taken under this one ({@link #take} asks it) and never the other way round. */
  private final LaneExecutor.StopNowWatchers lanes = new LaneExecutor.StopNowWatchers();

  WorkerPool(String name, int minThreads, int maxThreads, long keepAliveNanos, int queueCapacity) {
    this.name = name;
    this.minThreads = minThreads;
    this.maxThreads = maxThreads;
    this.keepAliveNanos = keepAliveNanos;
    this.queueCapacity = queueCapacity;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void execute(Runnable task) {
    enqueue(task, EXECUTE);
  }

  /** Refused after {@code stop()}, as {@link #execute} is: a pool thread waiting for it would never take it. */
  @Override
  public void executeWhenRoom(Runnable task) {
    enqueue(task, WHEN_ROOM);
  }

  @Override
  public void handOn(Runnable task) {
    enqueue(task, HAND_ON);
  }

  @Override
  public void onStopNow(LaneExecutor lane) {
    lanes.add(lane);
  }

  private void enqueue(Runnable task, int mode) {
    java.util.Objects.requireNonNull(task, "task == null");
    Thread toStart = null;
    RejectedExecutionException rejected = null;
    lock.lock();
    try {
      // Queued tasks that idle and starting threads will take without another thread started: they are handed
      // over, not waiting, and do not count against queueCapacity.
      int claimed = idleThreads + startingThreads;
      if (state == STOPPING && mode == HAND_ON && !interruptTasks) {
        // A graceful stop runs what it accepted: a lane's call given a place, whoever freed it. STOPPING means a
        // thread is left (take() counts a leaving thread out under this lock), and it takes this before it leaves.
        queue.add(task);
        workAvailable.signal(); // the last thread may be waiting for it
      } else if (state != RUNNING) {
        rejected = state == NEW ? PoolRefusals.notStarted(name) : PoolRefusals.stopped(name);
      } else if (claimed > queue.size()) {
        queue.add(task);
        workAvailable.signal();
      } else if (threads < maxThreads) {
        toStart = newThread(task);
      } else if (queue.size() - claimed < queueCapacity) {
        queue.add(task);
      } else if (mode != EXECUTE) {
        waiting.add(task);
      } else {
        rejected = full();
      }
    } finally {
      noteBacklog();
      lock.unlock();
    }
    if (rejected != null) {
      throw rejected;
    }
    if (toStart != null) {
      startThread(toStart, false);
    }
  }

  /** Creates (does not start) a worker whose first task is {@code firstTask}. Call with the lock held. */
  private Thread newThread(@Nullable Runnable firstTask) {
    assert lock.isHeldByCurrentThread();
    threads++;
    Thread thread = new Thread(new Worker(firstTask), name + "-" + (++threadSequence));
    thread.setDaemon(true);
    liveThreads.add(thread);
    return thread;
  }

  /** Starts a worker; {@code idle}: it has no first task and was counted among {@link #startingThreads}. */
  private void startThread(Thread thread, boolean idle) {
    try {
      thread.start();
    } catch (Throwable e) { // OutOfMemoryError: unable to create native thread
      forget(thread, idle);
      throw new RejectedExecutionException("pool " + name + " could not start a thread: " + e, e);
    }
  }

  /** Counts out a worker that was made but will never run. */
  private void forget(Thread thread, boolean idle) {
    lock.lock();
    try {
      if (idle) {
        startingThreads--; // or calls would be queued for a thread that will never take them
      }
      threads--;
      liveThreads.remove(thread);
      signalIfTerminated();
    } finally {
      lock.unlock();
    }
  }

  private RejectedExecutionException full() {
    return PoolRefusals.full(name, threads - idleThreads, maxThreads, queue.size(), queueCapacity);
  }

  /** Removes a queued task that was cancelled, so that it frees its place at once. */
  @Override
  public boolean remove(Runnable task) {
    lock.lock();
    try {
      boolean removed = queue.removeFirstOccurrence(task) || waiting.removeFirstOccurrence(task);
      if (removed && !waiting.isEmpty() && queue.size() - idleThreads - startingThreads < queueCapacity) {
        queue.add(waiting.poll());
      }
      return removed;
    } finally {
      noteBacklog();
      lock.unlock();
    }
  }

  @Override
  public void start() {
    List<Thread> toStart = new ArrayList<>();
    lock.lock();
    try {
      if (state == RUNNING) {
        return;
      }
      if (state != NEW) {
        throw new IllegalStateException("pool " + name + " is stopped; a stopped pool cannot be restarted");
      }
      state = RUNNING;
      for (int i = 0; i < minThreads; i++) {
        toStart.add(newThread(null));
        startingThreads++;
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < toStart.size(); i++) {
      try {
        startThread(toStart.get(i), true);
      } catch (RejectedExecutionException e) {
        for (Thread never : toStart.subList(i + 1, toStart.size())) {
          forget(never, true);
        }
        throw e;
      }
    }
  }

  @Override
  public boolean isStarted() {
    return state == RUNNING;
  }

  @Override
  public boolean isStopped() {
    return state >= STOPPING; // LaneExecutor asks on every call that waits: no lock
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      if (state >= STOPPING) {
        return;
      }
      state = STOPPING;
      // Calls that waited for room were accepted: they run too.
      queue.addAll(waiting);
      waiting.clear();
      workAvailable.signalAll();
      signalIfTerminated();
    } finally {
      noteBacklog();
      lock.unlock();
    }
  }

  @Override
  public void stopNow() {
    List<Runnable> dropped;
    lock.lock();
    try {
      if (state < STOPPING) {
        state = STOPPING;
      }
      interruptTasks = true;
      dropped = new ArrayList<>(queue.size() + waiting.size());
      dropped.addAll(queue);
      dropped.addAll(waiting);
      queue.clear();
      waiting.clear();
      for (Thread thread : liveThreads) {
        thread.interrupt();
      }
      workAvailable.signalAll();
      signalIfTerminated();
    } finally {
      noteBacklog();
      lock.unlock();
    }
    // Outside the lock: cancelling completes futures, which runs their dependants. The lanes' waiting calls first,
    // so that a lane call dropped from the queue frees a place that no waiting call can take any more.
    lanes.stopNow();
    for (Runnable task : dropped) {
      if (task instanceof Future) {
        ((Future<?>) task).cancel(false);
      }
    }
  }

  @Override
  public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    List<Thread> toJoin;
    lock.lock();
    try {
      while (state != TERMINATED) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        terminated.awaitNanos(left);
      }
      toJoin = new ArrayList<>(liveThreads);
    } finally {
      lock.unlock();
    }
    // A worker has left its loop once TERMINATED is set; join it so that "stopped" means no thread is alive.
    for (Thread thread : toJoin) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return !thread.isAlive();
      }
      TimeUnit.NANOSECONDS.timedJoin(thread, left);
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /** Call with the lock held, after changing {@link #queue} or {@link #waiting}. */
  private void noteBacklog() {
    assert lock.isHeldByCurrentThread();
    backlog = queue.size() + waiting.size();
  }

  /** Call with the lock held. */
  private void signalIfTerminated() {
    assert lock.isHeldByCurrentThread();
    if (state == STOPPING && threads == 0) {
      // With no thread left nothing can run what is queued (only possible after a failed thread start).
      state = TERMINATED;
      terminated.signalAll();
    }
  }

  /**
   * Takes the next task; {@link #RETIRED} when the pool stops or the thread was idle too long, the thread counted
   * out; {@code first} for a starting thread.
   */
  private Runnable take(boolean first) {
    lock.lock();
    try {
      if (first) {
        startingThreads--;
      }
      long nanos = keepAliveNanos;
      while (true) {
        Runnable task = queue.poll();
        if (task != null) {
          if (!waiting.isEmpty()) {
            queue.add(waiting.poll());
          }
          return task;
        }
        task = waiting.poll(); // queueCapacity(0): a call waiting for room goes straight to a free thread
        if (task != null) {
          return task;
        }
        if (state != RUNNING) {
          if (threads == 1 && !interruptTasks && lanes.anyWaiting()) {
            // The last thread of a graceful stop stays while a lane has calls waiting: their places are on their way
            // to them (a cancel, a timeout or a call just ended freed them), and the handOn must find a thread.
            try {
              workAvailable.awaitNanos(LANE_RECHECK_NANOS);
            } catch (InterruptedException e) {
              // stopNow interrupts idle threads; the state check decides
            }
            continue;
          }
          // Counted out here, under the lock, as a retiring thread is: a lane's handOn during a graceful stop then
          // knows that a thread counted in threads will still look at the queue.
          threads--;
          signalIfTerminated();
          return RETIRED;
        }
        if (nanos <= 0) {
          if (threads > minThreads) {
            // Idle too long: retire, counted out here, under the lock, so that idle threads timing out together
            // cannot all see "threads > minThreads" and leave the pool below its minimum.
            threads--;
            return RETIRED;
          }
          nanos = keepAliveNanos; // one of the minimum: wait another keep-alive (a wait of 0 would spin)
        }
        idleThreads++;
        try {
          nanos = workAvailable.awaitNanos(nanos);
        } catch (InterruptedException e) {
          // stopNow interrupts idle threads; the state check above decides
        } finally {
          idleThreads--;
        }
      }
    } finally {
      noteBacklog();
      lock.unlock();
    }
  }

  private void exit(Thread thread, boolean countedOut) {
    lock.lock();
    try {
      if (!countedOut) {
        threads--;
      }
      // Stays in liveThreads until awaitStopped has joined it or a later call prunes it.
      pruneDeadThreads();
      signalIfTerminated();
    } finally {
      lock.unlock();
    }
  }

  /** Call with the lock held. */
  private void pruneDeadThreads() {
    assert lock.isHeldByCurrentThread();
    if (liveThreads.size() > 2 * maxThreads) {
      liveThreads.removeIf(t -> !t.isAlive());
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      String[] states = {"new", "running", "stopping", "stopped"};
      return "ThimblePool[" + name + ", " + states[state] + ", threads " + threads + " (" + minThreads + ".."
          + maxThreads + "), queued " + queue.size() + "/" + queueCapacity + "]";
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the calling worker, done with a lane's call, may run the lane's next call itself rather than queue it:
   * only while the pool runs and nothing is queued for its threads. Readies the thread as for a task it took (an
   * interrupt for the last call is cleared; after stopNow every task sees one).
   */
  @Override
  public boolean readyToRunInline() {
    // Without the lock: what is queued a moment after this check waits for this call, as it would have anyway.
    if (state != RUNNING || backlog != 0) {
      return false;
    }
    Thread.interrupted();
    if (interruptTasks) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  private final class Worker implements Runnable {
    /** Confined to the worker's thread: set before {@code Thread.start()}, which publishes it, then read there. */
    private @Nullable Runnable firstTask;

    Worker(@Nullable Runnable firstTask) {
      this.firstTask = firstTask;
    }

    @Override
    public void run() {
      Thread me = Thread.currentThread();
      Runnable task = null;
      try {
        task = firstTask;
        firstTask = null;
        if (task == null) {
          task = take(true);
        }
        while (task != null && task != RETIRED) {
          // An interrupt meant for an earlier task must not reach this one; after stopNow every task sees one.
          Thread.interrupted();
          if (interruptTasks) {
            me.interrupt();
          }
          try {
            task.run();
          } catch (Throwable e) {
            // Calls made by a thimble never throw; a plain task that does is reported, and the thread lives on.
            me.getUncaughtExceptionHandler().uncaughtException(me, e);
          }
          task = take(false);
        }
      } finally {
        exit(me, task == RETIRED);
      }
    }
  }

  @Override
  public boolean isPoolThread(Thread thread) {
    lock.lock();
    try {
      return liveThreads.contains(thread);
    } finally {
      lock.unlock();
    }
  }
}
