package dev.thimble;

/**
 * Who stops the pools a thimble starts.
 *
 * <p>When a thimble's first call finds its pool not started, the thimble starts it and registers the pool's
 * graceful stop here. A pool that was already started is its creator's to stop and is never registered.
 *
 * <p>{@link #jvm()} (the default) stops owned pools when the JVM shuts down; a Kotlin {@code CoroutineScope} can
 * own pools through the coroutines adapter; {@code dev.thimble.testing.FakeShutdownOwner} stops them when a test
 * says so.
 */
@FunctionalInterface
public interface ShutdownOwner {
  /**
   * Registers {@code action} to run once when this owner shuts down. An owner that has already shut down runs it
   * at once.
   *
   * @param action what to run; it must not throw
   */
  void onShutdown(Runnable action);

  /**
   * Forgets an action registered with {@link #onShutdown} that is no longer needed: {@link Thimble#close()} calls
   * it once it has stopped the pool it owned, so that a long-lived owner (the JVM's) does not keep every closed
   * thimble's pool. Removing an action that is not registered, or has run, does nothing.
   *
   * <p>The default does nothing, which is correct but keeps the action until the owner shuts down (the action
   * then stops a pool that is stopped already, a no-op). An owner that lives long should override it.
   *
   * @param action the action as registered, compared by identity
   */
  default void remove(Runnable action) {}

  /**
   * The JVM's own shutdown: actions run from one shutdown hook, concurrently, and the hook waits for them, so owned
   * pools finish their queued calls (up to each thimble's stop timeout) before the JVM exits.
   *
   * @return the process-wide owner
   */
  static ShutdownOwner jvm() {
    return JvmShutdownOwner.INSTANCE;
  }
}
