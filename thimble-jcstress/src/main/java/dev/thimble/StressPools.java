package dev.thimble;

import dev.thimble.testing.ManualPool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Pools and owners the jcstress tests count with. */
final class StressPools {
  private StressPools() {}

  /** The call's value, or {@code null} if it is not done or did not succeed. */
  static <R> @Nullable R valueOf(CompletableFuture<R> call) {
    return call.isDone() && !call.isCompletedExceptionally() ? call.join() : null;
  }

  /** A test pool that counts its starts; calls wait until the arbiter runs them. */
  static final class CountingPool implements ThimblePool {
    final ManualPool manual = new ManualPool("stress");
    final AtomicInteger starts = new AtomicInteger();

    @Override
    public String name() {
      return manual.name();
    }

    @Override
    public void execute(Runnable task) {
      manual.execute(task);
    }

    @Override
    public void start() {
      starts.incrementAndGet();
      manual.start();
    }

    @Override
    public boolean isStarted() {
      return manual.isStarted();
    }

    @Override
    public boolean isStopped() {
      return manual.isStopped();
    }

    @Override
    public void stop() {
      manual.stop();
    }

    @Override
    public void stopNow() {
      manual.stopNow();
    }

    @Override
    public boolean awaitStopped(long timeout, TimeUnit unit) {
      return manual.awaitStopped(timeout, unit);
    }
  }

  /** An owner that never shuts down, counting what is registered with it. */
  static final class CountingOwner implements ShutdownOwner {
    final AtomicInteger registered = new AtomicInteger();

    @Override
    public void onShutdown(Runnable action) {
      registered.incrementAndGet();
    }
  }
}
