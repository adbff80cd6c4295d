package dev.thimble;

import org.jspecify.annotations.Nullable;

/** {@link ContextPropagator#threadLocal}: a class of its own, so that its helper is not public API. */
final class ThreadLocalPropagator<V> implements ContextPropagator {
  private final ThreadLocal<V> threadLocal;

  ThreadLocalPropagator(ThreadLocal<V> threadLocal) {
    this.threadLocal = threadLocal;
  }

  @Override
  public Snapshot capture() {
    V callers = threadLocal.get();
    return () -> {
      V previous = threadLocal.get();
      setOrRemove(threadLocal, callers);
      return () -> setOrRemove(threadLocal, previous);
    };
  }

  /** Sets {@code value}, or removes the thread-local when it is {@code null}, so no entry is left behind. */
  private static <V> void setOrRemove(ThreadLocal<V> threadLocal, @Nullable V value) {
    if (value == null) {
      threadLocal.remove();
    } else {
      threadLocal.set(value);
    }
  }
}
