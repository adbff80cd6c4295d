package dev.thimble;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A thimble's listeners, heard in order. Never throws: a listener that fails is reported to the current thread's
 * uncaught-exception handler, and the listeners after it, and the call, go on (as Guava's {@code
 * ListenerCallQueue} does).
 *
 * <p>Each event is its own loop rather than one loop over a lambda, so that an event captures nothing: the pool
 * thread's path allocates nothing for it.
 */
final class ListenerChain {
  private final ThimbleListener[] listeners;

  private ListenerChain(ThimbleListener[] listeners) {
    this.listeners = listeners;
  }

  /** Returns {@code null} for no listeners, so that a thimble without any pays one null check per event. */
  static @Nullable ListenerChain of(List<ThimbleListener> listeners) {
    return listeners.isEmpty() ? null : new ListenerChain(listeners.toArray(new ThimbleListener[0]));
  }

  void submitted(String call) {
    for (ThimbleListener l : listeners) {
      try {
        l.submitted(call);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void started(String call, long queueWaitNanos) {
    for (ThimbleListener l : listeners) {
      try {
        l.started(call, queueWaitNanos);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void succeeded(String call, long runNanos) {
    for (ThimbleListener l : listeners) {
      try {
        l.succeeded(call, runNanos);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void failed(String call, Throwable error, long runNanos) {
    for (ThimbleListener l : listeners) {
      try {
        l.failed(call, error, runNanos);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void cancelled(String call) {
    for (ThimbleListener l : listeners) {
      try {
        l.cancelled(call);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void rejected(String call, RejectedExecutionException error) {
    for (ThimbleListener l : listeners) {
      try {
        l.rejected(call, error);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  void timedOut(String call, TimeoutException error) {
    for (ThimbleListener l : listeners) {
      try {
        l.timedOut(call, error);
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  /**
   * Hands an error from user code that has no caller to return to (a listener, an {@code ifAbandoned}) to the
   * current thread's uncaught-exception handler. Never throws: the call it came from must still complete.
   */
  static void report(Throwable userError) {
    Thread t = Thread.currentThread();
    try {
      t.getUncaughtExceptionHandler().uncaughtException(t, userError);
    } catch (Throwable handlerError) {
      // A handler that throws has nowhere left to report to.
    }
  }
}
