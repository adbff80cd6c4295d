package dev.thimble;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread shared by all thimbles for call timeouts. Its thread is a daemon, starts on the first
 * timeout and retires when idle; a cancelled timeout is removed from its queue at once, so no timer task outlives
 * its call.
 */
final class CallTimer {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

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
    return TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** For tests: how many timeouts are waiting. */
  static int pending() {
    return TIMER.getQueue().size();
  }
}
