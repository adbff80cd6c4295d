package dev.thimble;

import static dev.thimble.ModelFixtures.check;

import dev.thimble.testing.ManualPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * A lane of one place ({@code maxConcurrency(1)}), model-checked through the thimble: a call holds the place, a
 * second waits, and pool threads, new callers, cancels, a timeout, {@code stop()} and {@code stopNow()} race.
 * Whatever the interleaving, at most one call runs at a time, every call ends exactly once, runs at most once, and
 * the place is never lost: a call made afterwards still runs.
 *
 * <p>The test pool refuses every call after {@code stop()}, hand-overs included, so this spec does not ask that a
 * graceful stop run the waiting calls; the stress suite checks that on the built pools.
 */
public class LaneLincheckTest {
  private final ManualPool pool = new ManualPool("model");
  private final ModelFixtures.Outcomes outcomes = new ModelFixtures.Outcomes();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger runs = new AtomicInteger();
  private final Thimble<Object> thimble;
  private final List<CompletableFuture<Integer>> calls = new CopyOnWriteArrayList<>();

  public LaneLincheckTest() {
    pool.start();
    thimble = Thimble.builder(new Object()).recordStats(true).pool(pool).maxConcurrency(1).listener(outcomes).build();
    submit(); // holds the place
    submit(); // waits in the lane
  }

  private CompletableFuture<Integer> newCall() {
    return thimble.submit(target -> {
      int now = running.incrementAndGet();
      runs.incrementAndGet();
      running.decrementAndGet();
      return now;
    });
  }

  /** A new caller: admitted to the lane, or refused at once once the pool is stopped. */
  @Operation
  public void submit() {
    calls.add(newCall());
  }

  /** A pool thread: runs the oldest queued call, which hands the place on when it ends. */
  @Operation
  public void run() {
    pool.runNext();
    check(!Thread.interrupted(), "an interrupt meant for a call outlived it on the pool thread");
  }

  /**
   * Returns nothing, as the other operations: a call cancelled while it runs is a state between "ran" and "never
   * ran" that no sequential history has, so this spec checks the lane's invariants rather than linearizability.
   */
  @Operation
  public void cancelHolder() {
    calls.get(0).cancel(true);
  }

  @Operation
  public void cancelWaiter() {
    calls.get(1).cancel(true);
  }

  @Operation
  public void timeOutWaiter() {
    ModelFixtures.timeOut(calls.get(1));
  }

  @Operation(nonParallelGroup = "stop")
  public void stop() {
    pool.stop();
  }

  @Operation(nonParallelGroup = "stop")
  public void stopNow() {
    pool.stopNow();
  }

  @Validate
  public void oneAtATimeEachEndedOncePlaceKept() {
    pool.runAll();
    for (CompletableFuture<Integer> call : calls) {
      check(call.isDone(), "a call never completed: " + call + " in " + thimble.engine.lane);
      if (call.isDone() && !call.isCompletedExceptionally()) {
        check(call.join() == 1, "two calls of a one-place lane ran at once");
      }
    }
    check(runs.get() <= calls.size(), runs.get() + " runs of " + calls.size() + " calls");
    check(outcomes.ended.get() == calls.size(),
        calls.size() + " calls ended " + outcomes.ended.get() + " times: " + calls);
    check(outcomes.started.get() == runs.get(), "started " + outcomes.started.get() + " times, ran " + runs.get());
    ThimbleStats stats = thimble.stats();
    check(stats.queued() == 0 && stats.running() == 0 && stats.finished() == calls.size(),
        "counts do not add up: " + stats);
    if (!pool.isStopped()) {
      CompletableFuture<Integer> later = newCall();
      pool.runAll();
      check(later.isDone() && !later.isCompletedExceptionally(),
          "the lane lost its place: a later call did not run: " + later + " in " + thimble.engine.lane);
    }
  }

  @Test
  public void modelCheck() {
    ModelFixtures.options(2, 2).check(LaneLincheckTest.class);
  }
}
