package dev.thimble;

/**
 * Who stops the pools that thimbles start.
 *
 * <p>When a thimble's first call finds its pool not started, the thimble starts it and registers the pool's
 * graceful stop here; so does every other thimble over that pool that calls on it, once per owner. When an owner shuts
 * down, the pools registered with it stop, for every thimble that shares them. When the last open thimble of an owner
 * over a pool closes, the pool's stop is {@linkplain #remove removed} from the owner (and the last open thimble over
 * the pool stops it itself). A pool that was already started is its creator's to stop and is never registered.
 *
 * <p>What is registered reaches the pool, never the thimble: a thimble dropped without {@code close()} can be
 * collected, and its pool still stops when the owner shuts down.
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
   * it when the last open thimble of this owner over a pool closes, and a pool stopped by another owner calls it
   * too, so that a long-lived owner (the JVM's) does not keep every closed thimble's pool. Removing an action that
   * is not registered, or has run, does nothing.
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
