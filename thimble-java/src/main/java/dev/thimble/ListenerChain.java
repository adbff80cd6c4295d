package dev.thimble;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Several listeners heard as one; each is called even if one before it throws. */
final class ListenerChain implements ThimbleListener {
  private final ThimbleListener[] listeners;

  private ListenerChain(ThimbleListener[] listeners) {
    this.listeners = listeners;
  }

  static @Nullable ThimbleListener of(List<ThimbleListener> listeners) {
    if (listeners.isEmpty()) {
      return null;
    }
    if (listeners.size() == 1) {
      return listeners.get(0);
    }
    return new ListenerChain(listeners.toArray(new ThimbleListener[0]));
  }

  private interface Event {
    void send(ThimbleListener listener);
  }

  private void each(Event event) {
    Throwable first = null;
    for (ThimbleListener l : listeners) {
      try {
        event.send(l);
      } catch (Throwable e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw Sneaky.<RuntimeException>rethrow(first);
    }
  }

  @Override
  public void submitted(String call) {
    each(l -> l.submitted(call));
  }

  @Override
  public void started(String call, long queueWaitNanos) {
    each(l -> l.started(call, queueWaitNanos));
  }

  @Override
  public void succeeded(String call, long runNanos) {
    each(l -> l.succeeded(call, runNanos));
  }

  @Override
  public void failed(String call, Throwable error, long runNanos) {
    each(l -> l.failed(call, error, runNanos));
  }

  @Override
  public void cancelled(String call) {
    each(l -> l.cancelled(call));
  }

  @Override
  public void rejected(String call, RejectedExecutionException error) {
    each(l -> l.rejected(call, error));
  }

  @Override
  public void timedOut(String call, TimeoutException error) {
    each(l -> l.timedOut(call, error));
  }
}
