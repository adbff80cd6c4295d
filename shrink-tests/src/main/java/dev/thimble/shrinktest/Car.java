package dev.thimble.shrinktest;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** The blocking target of the Java face; nothing in the app calls its methods directly. */
public final class Car {
  private final CountDownLatch stuckUntilReleased = new CountDownLatch(1);

  public String driveTo(String place) {
    return "drove to " + place;
  }

  public int wheels() {
    return 4;
  }

  /** A checked exception from a method that passes through: a proxy rethrows it only if the face declares it. */
  public String plate() throws IOException {
    throw new IOException("no plate");
  }

  /** Blocks until released: its per-method timeout fires first. */
  public String stall() throws InterruptedException {
    stuckUntilReleased.await();
    return "unstuck";
  }

  void release() {
    stuckUntilReleased.countDown();
  }
}
