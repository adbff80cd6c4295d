package dev.thimble;

import java.util.ArrayList;
import java.util.List;

/** {@link ShutdownOwner#jvm()}: one shutdown hook that runs every registered action, each on its own thread. */
final class JvmShutdownOwner implements ShutdownOwner {
  static final JvmShutdownOwner INSTANCE = new JvmShutdownOwner();

  private final Object lock = new Object();
  /** Guarded by {@link #lock}; {@code null} once the hook has started. */
  private @org.jspecify.annotations.Nullable List<Runnable> actions = new ArrayList<>();
  /** Guarded by {@link #lock}. */
  private boolean hookAdded;

  private JvmShutdownOwner() {}

  @Override
  public void onShutdown(Runnable action) {
    java.util.Objects.requireNonNull(action, "action == null");
    boolean runNow;
    synchronized (lock) {
      List<Runnable> list = actions;
      runNow = list == null;
      if (list != null) {
        list.add(action);
        if (!hookAdded) {
          hookAdded = true;
          try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::runAll, "thimble-shutdown"));
          } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and our hook cannot be added: run what we have now.
            actions = null;
            runNow = true;
          }
        }
      }
    }
    if (runNow) {
      action.run();
    }
  }

  private void runAll() {
    List<Runnable> toRun;
    synchronized (lock) {
      toRun = actions;
      actions = null;
    }
    if (toRun == null) {
      return;
    }
    // Concurrently, so that N pools drain in parallel rather than taking N stop timeouts.
    List<Thread> threads = new ArrayList<>(toRun.size());
    for (Runnable action : toRun) {
      Thread t = new Thread(action, "thimble-shutdown-action");
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
