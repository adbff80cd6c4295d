package dev.thimble;

import static dev.thimble.ModelFixtures.check;

import dev.thimble.testing.ManualPool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * A call's state machine, model-checked: the pool thread running it races a cancel, a completion from outside, its
 * timer and a {@code stopNow()} of the pool. Whatever the interleaving, the call ends exactly once, is counted
 * once, runs at most once, and no interrupt outlives it on the pool thread.
 */
public class CallFutureLincheckTest {
  private final ManualPool pool = new ManualPool("model");
  private final ModelFixtures.Outcomes outcomes = new ModelFixtures.Outcomes();
  private final AtomicInteger runs = new AtomicInteger();
  private final Thimble<Object> thimble;
  private final CompletableFuture<String> call;

  public CallFutureLincheckTest() {
    pool.start();
    thimble = Thimble.builder(new Object()).recordStats(true).pool(pool).listener(outcomes).build();
    call = thimble.submit(target -> {
      runs.incrementAndGet();
      return "ran";
    });
  }

  /** The pool thread: runs the call if it is still queued. */
  @Operation
  public void run() {
    pool.runNext();
    check(!Thread.interrupted(), "an interrupt meant for the call outlived it on the pool thread");
  }

  @Operation
  public boolean cancel() {
    return call.cancel(true);
  }

  @Operation
  public boolean complete() {
    return call.complete("completed from outside");
  }

  @Operation
  public void timeOut() {
    ModelFixtures.timeOut(call);
  }

  /**
   * Not from two threads at once: a second {@code stopNow()} of the test pool returns while the first still cancels
   * what it dropped, which no sequential history explains, though it is harmless (and the pool's, not the call's).
   */
  @Operation(nonParallelGroup = "stop")
  public void stopNow() {
    pool.stopNow();
  }

  @Validate
  public void endedExactlyOnce() {
    pool.runAll();
    check(call.isDone(), "the call never completed: " + call);
    check(runs.get() <= 1, "the call ran " + runs.get() + " times");
    check(outcomes.ended.get() == 1, "the call ended " + outcomes.ended.get() + " times: " + call);
    check(outcomes.started.get() == runs.get(), "started " + outcomes.started.get() + " times, ran " + runs.get());
    ThimbleStats stats = thimble.stats();
    check(stats.finished() == 1 && stats.queued() == 0 && stats.running() == 0, "counts do not add up: " + stats);
  }

  @Test
  public void modelCheck() {
    ModelFixtures.options(2, 2).check(CallFutureLincheckTest.class);
  }
}
