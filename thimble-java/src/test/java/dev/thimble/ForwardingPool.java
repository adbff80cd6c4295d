package dev.thimble;

import java.util.concurrent.TimeUnit;

/**
 * A pool that hands everything to {@link #pool}: the tests' pools extend it and override only what they watch or
 * break (a start that counts, waits or throws; an {@code equals} that says every pool is the same).
 *
 * @param <P> the pool it forwards to, so that a test can still reach it ({@code pool.runNext()})
 */
class ForwardingPool<P extends ThimblePool> implements ThimblePool {
  final P pool;

  ForwardingPool(P pool) {
    this.pool = pool;
  }

  @Override
  public String name() {
    return pool.name();
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  @Override
  public void start() {
    pool.start();
  }

  @Override
  public boolean isStarted() {
    return pool.isStarted();
  }

  @Override
  public boolean isStopped() {
    return pool.isStopped();
  }

  @Override
  public void stop() {
    pool.stop();
  }

  @Override
  public void stopNow() {
    pool.stopNow();
  }

  @Override
  public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitStopped(timeout, unit);
  }
}
