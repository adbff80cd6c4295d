package dev.thimble;

import dev.thimble.internal.PoolRefusals;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ThimblePool#virtual(String)}: one new virtual thread per call. Virtual threads are found by reflection, so
 * this class compiles to Java 8 and fails with a clear message on JVMs older than 21.
 */
final class VirtualThreadPool implements ThimblePool, ThreadOwningPool, LaneExecutor.Host {
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int STOPPING = 2;

  private final String name;
  private final ThreadFactory factory;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when the last running call ends after stop. */
  private final Condition idle = lock.newCondition();
  /** Written under {@link #lock}; read without it by {@link #isStarted()} and {@link #isStopped()}. */
  private volatile int state = NEW;
  // Guarded by lock.
  private final Set<Thread> running = new HashSet<>();
  /** Set by stopNow: a graceful stop's handoffs are refused from then on. Guarded by {@link #lock}. */
  private boolean stoppedNow;
  private final LaneExecutor.StopNowWatchers lanes = new LaneExecutor.StopNowWatchers();

  VirtualThreadPool(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty: it names the pool's threads");
    }
    this.name = name;
    this.factory = virtualThreadFactory(name);
  }

  private static ThreadFactory virtualThreadFactory(String name) {
    Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      throw new UnsupportedOperationException(
          "ThimblePool.virtual(\"" + name + "\") needs JDK 21 or newer (virtual threads); this JVM is Java "
              + System.getProperty("java.version") + ". Use ThimblePool.builder(\"" + name
              + "\") for a pool of platform threads.");
    }
    try {
      Object builder = ofVirtual.invoke(null);
      Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder = ofVirtualType.getMethod("name", String.class, long.class).invoke(builder, name + "-", 1L);
      return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new UnsupportedOperationException("could not make virtual threads on this JVM: " + e, e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void execute(Runnable task) {
    runOnNewThread(task, false);
  }

  /** There is no queue to wait for: the same as {@link #execute}. */
  @Override
  public void executeWhenRoom(Runnable task) {
    runOnNewThread(task, false);
  }

  @Override
  public void handOn(Runnable task) {
    runOnNewThread(task, true);
  }

  /** A lane's next call runs on the virtual thread that ran the one before it: one thread start fewer a call. */
  @Override
  public boolean readyToRunInline() {
    return !isStopped() && !Thread.currentThread().isInterrupted();
  }

  @Override
  public void onStopNow(LaneExecutor lane) {
    lanes.add(lane);
  }

  private void runOnNewThread(Runnable task, boolean handOn) {
    Objects.requireNonNull(task, "task == null");
    Thread thread = factory.newThread(() -> runAndForget(task));
    lock.lock();
    try {
      // A graceful stop runs what it accepted: a lane's call given a place, whoever freed it.
      boolean handoff = handOn && state == STOPPING && !stoppedNow;
      if (state != RUNNING && !handoff) {
        throw state == NEW ? PoolRefusals.notStarted(name) : PoolRefusals.stopped(name);
      }
      running.add(thread);
    } finally {
      lock.unlock();
    }
    thread.start();
  }

  private void runAndForget(Runnable task) {
    Thread me = Thread.currentThread();
    try {
      task.run();
    } catch (Throwable e) {
      me.getUncaughtExceptionHandler().uncaughtException(me, e);
    } finally {
      lock.lock();
      try {
        running.remove(me);
        if (running.isEmpty()) {
          idle.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void start() {
    lock.lock();
    try {
      if (state == STOPPING) {
        throw new IllegalStateException("pool " + name + " is stopped; a stopped pool cannot be restarted");
      }
      state = RUNNING;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isStarted() {
    return state == RUNNING;
  }

  @Override
  public boolean isStopped() {
    return state == STOPPING; // LaneExecutor asks on every call that waits: no lock
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      state = STOPPING;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stopNow() {
    List<Thread> toInterrupt;
    lock.lock();
    try {
      state = STOPPING;
      stoppedNow = true;
      toInterrupt = new ArrayList<>(running);
    } finally {
      lock.unlock();
    }
    lanes.stopNow();
    for (Thread thread : toInterrupt) {
      thread.interrupt();
    }
  }

  @Override
  public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (state != STOPPING || !running.isEmpty()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "ThimblePool[" + name + ", virtual, " + running.size() + " running]";
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isPoolThread(Thread thread) {
    lock.lock();
    try {
      return running.contains(thread);
    } finally {
      lock.unlock();
    }
  }
}
