package dev.thimble;

import java.util.concurrent.TimeUnit;

/**
 * A program that makes a call with a timeout and closes its thimble, then looks at the timer thread as {@code mvn
 * exec:java} would before it lets the build go on: run in a child JVM by {@link TimerThreadLifetimeTest}, so that no
 * other test's thimble shares the timer.
 */
public final class TimerProgram {
  private TimerProgram() {}

  public static void main(String[] args) throws Exception {
    Thimble<StringBuilder> thimble = Thimble.builder(new StringBuilder("done"))
        .pool(ThimblePool.builder("timed").threads(0, 1).build())
        .timeout(1, TimeUnit.HOURS)
        .build();
    System.out.println("call: " + thimble.submit(StringBuilder::toString).get(10, TimeUnit.SECONDS));
    Thread timer = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("thimble-timer")) {
        timer = t;
      }
    }
    System.out.println("timer thread: " + (timer != null && timer.isDaemon() ? "daemon" : String.valueOf(timer)));

    thimble.close();

    System.out.println("timer in use after close: " + CallTimer.isRunning());
    if (timer != null) {
      timer.join(); // what exec:java does with the threads a program leaves behind
    }
    System.out.println("timer thread ended");

    // A thimble made later gets a timer again.
    Thimble<StringBuilder> later = Thimble.builder(new StringBuilder())
        .pool(new dev.thimble.testing.ManualPool())
        .timeout(1, TimeUnit.MILLISECONDS)
        .build();
    try {
      later.submit(StringBuilder::toString).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      System.out.println("later call: " + e.getCause().getClass().getSimpleName());
    }
    later.close();
    System.out.println("timer in use after the later close: " + CallTimer.isRunning());
  }
}
