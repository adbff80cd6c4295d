package dev.thimble.testing;

import dev.thimble.ShutdownOwner;
import java.util.ArrayList;
import java.util.List;

/**
 * A shutdown owner that shuts down when the test calls {@link #stop()}.
 * <pre>{@code
 * FakeShutdownOwner owner = new FakeShutdownOwner();
 * Thimble<Car> thimble = Thimble.builder(car).pool(pool).shutdownOwner(owner).build();
 * thimble.submit(Car::wheels);   // starts the pool and registers its stop
 * owner.stop();                  // stops the pool
 * }</pre>
 */
public final class FakeShutdownOwner implements ShutdownOwner {
  // Guarded by this.
  private final List<Runnable> actions = new ArrayList<>();
  private boolean stopped;

  /** A running owner with nothing registered. */
  public FakeShutdownOwner() {}

  /** Registers {@code action}; after {@link #stop()} it runs at once. */
  @Override
  public void onShutdown(Runnable action) {
    synchronized (this) {
      if (!stopped) {
        actions.add(action);
        return;
      }
    }
    action.run();
  }

  /** Forgets {@code action} (by identity), as a closed thimble asks; it will not run. */
  @Override
  public synchronized void remove(Runnable action) {
    for (int i = actions.size() - 1; i >= 0; i--) {
      if (actions.get(i) == action) {
        actions.remove(i);
        return;
      }
    }
  }

  /** @return how many registered actions have not run yet */
  public synchronized int registered() {
    return actions.size();
  }

  /** @return whether {@link #stop()} was called */
  public synchronized boolean isStopped() {
    return stopped;
  }

  /** Runs every registered action, in the order registered, once. Later calls do nothing. */
  public void stop() {
    List<Runnable> toRun;
    synchronized (this) {
      stopped = true;
      toRun = new ArrayList<>(actions);
      actions.clear();
    }
    for (Runnable action : toRun) {
      action.run();
    }
  }
}
