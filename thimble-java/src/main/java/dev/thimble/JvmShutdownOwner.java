package dev.thimble;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** {@link ShutdownOwner#jvm()}: one shutdown hook that runs every registered action, each on its own thread. */
final class JvmShutdownOwner implements ShutdownOwner {
  static final JvmShutdownOwner INSTANCE = new JvmShutdownOwner();

  private final Object lock = new Object();
  /** Guarded by {@link #lock}; {@code null} once the hook has started. */
  private @org.jspecify.annotations.Nullable Set<Runnable> actions = newActionSet();
  /** Guarded by {@link #lock}. */
  private boolean hookAdded;

  private JvmShutdownOwner() {}

  @Override
  public void onShutdown(Runnable action) {
    java.util.Objects.requireNonNull(action, "action == null");
    boolean runNow;
    synchronized (lock) {
      Set<Runnable> list = actions;
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

  @Override
  public void remove(Runnable action) {
    synchronized (lock) {
      Set<Runnable> set = actions;
      if (set != null) {
        set.remove(action);
      }
    }
  }

  /** @return how many actions wait for the JVM's shutdown */
  int registered() {
    synchronized (lock) {
      Set<Runnable> set = actions;
      return set == null ? 0 : set.size();
    }
  }

  private static Set<Runnable> newActionSet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private void runAll() {
    Set<Runnable> toRun;
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
