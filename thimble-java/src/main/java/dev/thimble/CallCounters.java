package dev.thimble;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thimble's call counts and times, and the consistent {@link ThimbleStats} snapshot made from them.
 *
 * <p>{@link CallEngine} extends this class rather than holding one: the counters are then fields of the engine
 * itself, and counting a call costs no extra load on the pool thread's path.
 */
abstract class CallCounters {
  final LongAdder submitted = new LongAdder();
  final LongAdder started = new LongAdder();
  final LongAdder succeeded = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder cancelled = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  /** Calls that ended before they ran (cancelled, timed out or rejected while queued). */
  final LongAdder endedUnstarted = new LongAdder();
  final LongAdder queueWaitNanos = new LongAdder();
  final LongAdder runNanos = new LongAdder();

  /**
   * A consistent snapshot: the counters only grow, so two passes that read the same values saw them all at once.
   * Under a storm of calls the passes may never agree; then the last pass is used, still adding up because queued
   * and running are derived from the others.
   */
  final ThimbleStats stats() {
    long[] previous = null;
    long[] now = readCounters();
    for (int attempt = 0; attempt < 16 && !Arrays.equals(previous, now); attempt++) {
      previous = now;
      now = readCounters();
    }
    long endedUnstartedCount = now[0];
    long succeededCount = now[1];
    long failedCount = now[2];
    long cancelledCount = now[3];
    long rejectedCount = now[4];
    long timedOutCount = now[5];
    long startedCount = now[6];
    long submittedCount = now[7];
    long finished = succeededCount + failedCount + cancelledCount + rejectedCount + timedOutCount;
    long running = Math.max(0, startedCount - (finished - endedUnstartedCount));
    long queued = Math.max(0, submittedCount - finished - running);
    // Should the passes never agree, submitted absorbs the difference so that the counts still add up.
    long submittedShown = queued + running + finished;
    return new ThimbleStats(submittedShown, queued, running, succeededCount, failedCount, cancelledCount,
        rejectedCount, timedOutCount, now[8], now[9]);
  }

  /** Reads the counters in the reverse order of a call's life, so each reads no less than what led to it. */
  private long[] readCounters() {
    return new long[] {
        endedUnstarted.sum(), succeeded.sum(), failed.sum(), cancelled.sum(), rejected.sum(), timedOut.sum(),
        started.sum(), submitted.sum(), queueWaitNanos.sum(), runNanos.sum()
    };
  }
}
