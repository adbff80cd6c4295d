package dev.thimble;

import java.util.Objects;

/**
 * Carries thread-bound context (a {@link ThreadLocal}, SLF4J's MDC, a tracing span) from the thread that makes a
 * call to the pool thread that runs it.
 *
 * <p>{@link #capture()} runs on the calling thread when the call is made; the snapshot's {@link
 * Snapshot#restore()} runs on the pool thread just before the call; the returned {@link Scope#close()} runs right
 * after it, whatever happens (value, exception, interrupt), and must put back what the pool thread had before.
 * <pre>{@code
 * ContextPropagator mdc = () -> {
 *   Map<String, String> callers = MDC.getCopyOfContextMap();
 *   return () -> {
 *     Map<String, String> previous = MDC.getCopyOfContextMap();
 *     setOrClear(callers);
 *     return () -> setOrClear(previous);
 *   };
 * };
 * }</pre>
 *
 * <p>None of the three should throw. If {@code capture} does, the call is refused: its future fails with a {@link
 * java.util.concurrent.RejectedExecutionException} caused by that exception. If {@code restore} or {@code close}
 * does, the call fails with that exception (added as suppressed if the call failed already).
 */
@FunctionalInterface
public interface ContextPropagator {
  /**
   * Captures the calling thread's context.
   *
   * @return what to restore on the pool thread
   */
  Snapshot capture();

  /** A captured context, restored once on the pool thread. */
  @FunctionalInterface
  interface Snapshot {
    /**
     * Installs the captured context on the current (pool) thread.
     *
     * @return how to put back the thread's previous context
     */
    Scope restore();
  }

  /** Puts back a pool thread's previous context. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    /** Puts back the context the thread had before {@link Snapshot#restore()}. */
    @Override
    void close();
  }

  /**
   * Propagates the value of one {@link ThreadLocal}: the pool thread sees the caller's value during the call and
   * gets its own value (usually none) back afterwards.
   *
   * @param threadLocal the thread-local to carry
   * @param <V> its value's type
   * @return a propagator for it
   */
  static <V> ContextPropagator threadLocal(ThreadLocal<V> threadLocal) {
    Objects.requireNonNull(threadLocal, "threadLocal == null");
    return new ThreadLocalPropagator<>(threadLocal);
  }
}
