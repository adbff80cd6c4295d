package dev.thimble;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one timer thread shared by all thimbles for call timeouts. Its thread is a daemon, starts on the first
 * timeout and retires when idle; a cancelled timeout is removed from its queue at once, so no timer task outlives
 * its call.
 *
 * <p>Thimbles with timeouts {@link #retain()} it when built and {@link #release()} it when closed: when the last of
 * them closes, the timer is shut down (timeouts already pending still fire) and its thread ends with the last one,
 * rather than after the keep-alive. A JVM never waits for a daemon, but {@code mvn exec:java} and other hosts that
 * join the threads a program started do. A thimble dropped without {@code close()} keeps its share: the thread then
 * retires after the keep-alive, as when idle.
 */
final class CallTimer {
  private static final Object LOCK = new Object();
  /** The timer in use; replaced once shut down. Written under {@link #LOCK}, read without it on each timed call. */
  private static volatile @Nullable ScheduledThreadPoolExecutor timer;
  /** Open thimbles with timeouts. Guarded by {@link #LOCK}. */
  private static int users;

  private CallTimer() {}

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "thimble-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(10, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }

  static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    while (true) {
      ScheduledThreadPoolExecutor current = timer;
      if (current == null || current.isShutdown()) {
        synchronized (LOCK) {
          current = timer;
          if (current == null || current.isShutdown()) {
            current = newTimer();
            timer = current;
          }
        }
      }
      try {
        return current.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException shutDown) {
        // The last thimble closed between the read and the schedule: take a new timer.
      }
    }
  }

  /** A thimble with timeouts was built. */
  static void retain() {
    synchronized (LOCK) {
      users++;
    }
  }

  /** A thimble with timeouts was closed; the last one shuts the timer down. */
  static void release() {
    ScheduledThreadPoolExecutor toShutDown = null;
    synchronized (LOCK) {
      if (--users == 0) {
        toShutDown = timer;
        timer = null;
      }
    }
    if (toShutDown != null) {
      toShutDown.shutdown(); // pending timeouts still fire; the thread ends after the last of them
    }
  }

  /** For tests: how many timeouts are waiting. */
  static int pending() {
    ScheduledThreadPoolExecutor current = timer;
    return current == null ? 0 : current.getQueue().size();
  }

  /** For tests: whether a timer is in use (not shut down). */
  static boolean isRunning() {
    ScheduledThreadPoolExecutor current = timer;
    return current != null && !current.isShutdown();
  }
}
