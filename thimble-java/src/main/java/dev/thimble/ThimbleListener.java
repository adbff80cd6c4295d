package dev.thimble;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Hears about each call of one thimble: for metrics, logs and traces. Every method does nothing by default.
 *
 * <p>Each call is {@link #submitted}, then ends exactly once in one of {@link #succeeded}, {@link #failed}, {@link
 * #cancelled}, {@link #rejected} or {@link #timedOut}; {@link #started} comes between when it ran. {@code call} is
 * the face method's name ({@code "driveTo"}) or {@code "submit"}.
 *
 * <h2>Threading</h2>
 * Methods run on the thread where the event happens (the caller, a pool thread, the timer), outside every lock of
 * thimble's, and must be quick and thread-safe. An exception a listener throws never breaks the call: it goes to
 * the thread's {@link Thread.UncaughtExceptionHandler}.
 */
public interface ThimbleListener {
  /**
   * A call was made.
   *
   * @param call the call's name
   */
  default void submitted(String call) {}

  /**
   * A call started running on a pool thread.
   *
   * @param call the call's name
   * @param queueWaitNanos how long it waited for a thread
   */
  default void started(String call, long queueWaitNanos) {}

  /**
   * A call returned a value.
   *
   * @param call the call's name
   * @param runNanos how long it ran
   */
  default void succeeded(String call, long runNanos) {}

  /**
   * A call threw.
   *
   * @param call the call's name
   * @param error what it threw (the very exception the future fails with)
   * @param runNanos how long it ran
   */
  default void failed(String call, Throwable error, long runNanos) {}

  /**
   * A call's future was cancelled (or completed from outside) before the call finished.
   *
   * @param call the call's name
   */
  default void cancelled(String call) {}

  /**
   * The pool refused a call: stopped, or full.
   *
   * @param call the call's name
   * @param error the exception the future fails with
   */
  default void rejected(String call, RejectedExecutionException error) {}

  /**
   * A call ran past its timeout.
   *
   * @param call the call's name
   * @param error the exception the future fails with
   */
  default void timedOut(String call, TimeoutException error) {}
}
