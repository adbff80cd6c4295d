package dev.thimble.realtargets;

import dev.thimble.ThimbleListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listener that lets a test wait until a call has started on the pool, so that it cancels a call that is running
 * (blocked in a JDK method no one here can instrument), not one still queued.
 */
final class Started implements ThimbleListener {
  private final CountDownLatch started = new CountDownLatch(1);

  @Override
  public void started(String call, long queueWaitNanos) {
    started.countDown();
  }

  void await() throws InterruptedException {
    if (!started.await(30, TimeUnit.SECONDS)) { // a guard against a hang, never a measure
      throw new AssertionError("the call never started");
    }
  }
}
