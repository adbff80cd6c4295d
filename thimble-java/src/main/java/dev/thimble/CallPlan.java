package dev.thimble;

import java.util.concurrent.TimeUnit;

/** What one face method (or {@code submit}) needs per call, decided once: its names and its timeout. */
final class CallPlan {
  /** The face method's name, as listeners see it: {@code driveTo}, {@code submit}. */
  final String name;
  /** For messages: {@code AsyncCar.driveTo}. */
  final String description;
  /** {@code 0}: no timeout. */
  final long timeoutNanos;

  CallPlan(String name, String description, long timeoutNanos) {
    this.name = name;
    this.description = description;
    this.timeoutNanos = timeoutNanos;
  }

  String timeoutText() {
    return describe(timeoutNanos);
  }

  /** {@code 250 milliseconds}, {@code 2 seconds}: the coarsest unit that says the time exactly. */
  static String describe(long nanos) {
    TimeUnit[] units = {TimeUnit.DAYS, TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS, TimeUnit.MILLISECONDS,
        TimeUnit.MICROSECONDS};
    for (TimeUnit unit : units) {
      long whole = unit.convert(nanos, TimeUnit.NANOSECONDS);
      if (whole > 0 && unit.toNanos(whole) == nanos) {
        return whole + " " + unit.name().toLowerCase(java.util.Locale.ROOT);
      }
    }
    return nanos + " nanoseconds";
  }
}
