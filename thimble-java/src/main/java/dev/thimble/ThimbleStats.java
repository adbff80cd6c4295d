package dev.thimble;

/**
 * A consistent snapshot of one thimble's call counts, from {@link Thimble#stats()}, for a thimble built with {@link
 * Thimble.Builder#recordStats recordStats(true)}.
 *
 * <p>The counts always add up: {@code submitted() == queued() + running() + finished()}, where {@code finished()}
 * is the sum of succeeded, failed, cancelled, rejected and timed out. A call is counted where its future ended: a
 * call cancelled while it ran counts as cancelled, not as succeeded.
 */
public final class ThimbleStats {
  private final long submitted;
  private final long queued;
  private final long running;
  private final long succeeded;
  private final long failed;
  private final long cancelled;
  private final long rejected;
  private final long timedOut;
  private final long queueWaitNanos;
  private final long runNanos;

  ThimbleStats(long submitted, long queued, long running, long succeeded, long failed, long cancelled,
      long rejected, long timedOut, long queueWaitNanos, long runNanos) {
    this.submitted = submitted;
    this.queued = queued;
    this.running = running;
    this.succeeded = succeeded;
    this.failed = failed;
    this.cancelled = cancelled;
    this.rejected = rejected;
    this.timedOut = timedOut;
    this.queueWaitNanos = queueWaitNanos;
    this.runNanos = runNanos;
  }

  /** @return calls made */
  public long submitted() {
    return submitted;
  }

  /** @return calls waiting for a thread (in the pool's queue or the thimble's lane) */
  public long queued() {
    return queued;
  }

  /** @return calls running and not yet ended */
  public long running() {
    return running;
  }

  /** @return calls that returned a value */
  public long succeeded() {
    return succeeded;
  }

  /** @return calls that threw */
  public long failed() {
    return failed;
  }

  /** @return calls whose future was cancelled (or completed from outside) first */
  public long cancelled() {
    return cancelled;
  }

  /** @return calls the pool refused */
  public long rejected() {
    return rejected;
  }

  /** @return calls that ran past their timeout */
  public long timedOut() {
    return timedOut;
  }

  /** @return calls that ended, in any way */
  public long finished() {
    return succeeded + failed + cancelled + rejected + timedOut;
  }

  /** @return total time calls waited for a thread, in nanoseconds */
  public long queueWaitNanos() {
    return queueWaitNanos;
  }

  /** @return total time calls ran, in nanoseconds */
  public long runNanos() {
    return runNanos;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    if (!(o instanceof ThimbleStats)) {
      return false;
    }
    ThimbleStats s = (ThimbleStats) o;
    return submitted == s.submitted && queued == s.queued && running == s.running && succeeded == s.succeeded
        && failed == s.failed && cancelled == s.cancelled && rejected == s.rejected && timedOut == s.timedOut
        && queueWaitNanos == s.queueWaitNanos && runNanos == s.runNanos;
  }

  @Override
  public int hashCode() {
    long h = submitted;
    for (long v : new long[] {queued, running, succeeded, failed, cancelled, rejected, timedOut, queueWaitNanos,
        runNanos}) {
      h = 31 * h + v;
    }
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return "ThimbleStats{submitted=" + submitted + ", queued=" + queued + ", running=" + running + ", succeeded="
        + succeeded + ", failed=" + failed + ", cancelled=" + cancelled + ", rejected=" + rejected + ", timedOut="
        + timedOut + ", queueWaitNanos=" + queueWaitNanos + ", runNanos=" + runNanos + "}";
  }
}
