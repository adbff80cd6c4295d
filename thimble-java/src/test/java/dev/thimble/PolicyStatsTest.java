package dev.thimble;

import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Gate;
import dev.thimble.PolicyFixtures.Worker;
import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code stats()} and listeners: every outcome counted once, the counts always adding up. */
class PolicyStatsTest {
  /** Hears every event as text. */
  static final class RecordingListener implements ThimbleListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void submitted(String call) {
      events.add("submitted " + call);
    }

    @Override
    public void started(String call, long queueWaitNanos) {
      events.add("started " + call);
    }

    @Override
    public void succeeded(String call, long runNanos) {
      events.add("succeeded " + call);
    }

    @Override
    public void failed(String call, Throwable error, long runNanos) {
      events.add("failed " + call + ": " + error.getMessage());
    }

    @Override
    public void cancelled(String call) {
      events.add("cancelled " + call);
    }

    @Override
    public void rejected(String call, RejectedExecutionException error) {
      events.add("rejected " + call);
    }

    @Override
    public void timedOut(String call, TimeoutException error) {
      events.add("timedOut " + call);
    }
  }

  @Test
  void eachOutcomeIsCountedAndHeardOnce() throws Exception {
    ManualPool pool = new ManualPool();
    RecordingListener listener = new RecordingListener();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).listener(listener)
        .timeout("take", 1, TimeUnit.MILLISECONDS).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    CompletableFuture<String> succeeds = worker.echo("ok");
    CompletableFuture<String> fails = worker.fail(new IOException("disk full"));
    CompletableFuture<String> cancelled = worker.echo("cancelled");
    CompletableFuture<String> timesOut = worker.take(new Gate(), new LinkedBlockingQueue<>());
    assertInstanceOf(TimeoutException.class, failure(timesOut));
    cancelled.cancel(true);
    AtomicReference<ThimbleStats> whileRunning = new AtomicReference<>();
    CompletableFuture<String> seesItself = thimble.submit(w -> {
      whileRunning.set(thimble.stats());
      return "measured";
    });

    ThimbleStats queued = thimble.stats();
    assertEquals(5, queued.submitted());
    assertEquals(3, queued.queued());
    assertEquals(0, queued.running());
    assertEquals(2, queued.finished());
    assertEquals(3, pool.runAll());
    pool.stop();
    CompletableFuture<String> rejected = worker.echo("rejected");

    assertEquals("ok", succeeds.join());
    assertTrue(fails.isCompletedExceptionally());
    assertTrue(rejected.isCompletedExceptionally());
    assertEquals("measured", seesItself.join());
    assertEquals(1, whileRunning.get().running());
    assertEquals(0, whileRunning.get().queued());
    ThimbleStats stats = thimble.stats();
    assertEquals(6, stats.submitted());
    assertEquals(2, stats.succeeded());
    assertEquals(1, stats.failed());
    assertEquals(1, stats.cancelled());
    assertEquals(1, stats.timedOut());
    assertEquals(1, stats.rejected());
    assertEquals(stats.submitted(), stats.queued() + stats.running() + stats.finished());
    assertEquals(0, stats.queued());
    assertEquals(0, stats.running());
    assertTrue(stats.queueWaitNanos() >= 0 && stats.runNanos() >= 0, stats.toString());
    assertEquals(Arrays.asList(
        "submitted echo", "submitted fail", "submitted echo", "submitted take", "timedOut take",
        "cancelled echo", "submitted submit",
        "started echo", "succeeded echo", "started fail", "failed fail: disk full",
        "started submit", "succeeded submit",
        "submitted echo", "rejected echo"), listener.events);
  }

  @Test
  void aListenerHearsEachOutcomeWithItsTimes() {
    List<String> log = new CopyOnWriteArrayList<>();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(new InlinePool())
        .listener(new ThimbleListener() { // runs where the event happens: keep it quick
          @Override
          public void succeeded(String call, long runNanos) {
            log.add(call + " ran for " + TimeUnit.NANOSECONDS.toMicros(runNanos) + " us");
          }

          @Override
          public void failed(String call, Throwable error, long runNanos) {
            log.add(call + " failed: " + error.getMessage());
          }
        })
        .build();
    thimble.proxy(AsyncWorker.class).fail(new IOException("disk full"));
    thimble.proxy(AsyncWorker.class).echo("fine");

    assertEquals("fail failed: disk full", log.get(0));
    assertTrue(log.get(1).startsWith("echo ran for "), log.get(1));
    assertEquals(2, log.size());
  }

  @Test
  void theCountsAddUpInEverySnapshotTakenWhileCallsRun() throws Exception {
    ThimblePool pool = PolicyFixtures.startedPool("counted", 3, 10_000);
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(2).build();
    AtomicBoolean done = new AtomicBoolean();
    // Calls whose proxy call has returned, and calls whose proxy call has begun: submitted() lies between them.
    AtomicInteger made = new AtomicInteger();
    AtomicInteger begun = new AtomicInteger();
    List<String> broken = new CopyOnWriteArrayList<>();
    Thread sampler = new Thread(() -> {
      ThimbleStats previous = thimble.stats();
      while (!done.get()) {
        int atLeast = made.get();
        ThimbleStats s = thimble.stats();
        int atMost = begun.get();
        if (s.submitted() != s.queued() + s.running() + s.finished() || s.queued() < 0 || s.running() < 0
            || s.submitted() < atLeast || s.submitted() > atMost || s.submitted() < previous.submitted()
            || s.succeeded() < previous.succeeded() || s.failed() < previous.failed()
            || s.cancelled() < previous.cancelled() || s.finished() < previous.finished()) {
          broken.add(previous + " then " + s + " with " + atLeast + ".." + atMost + " calls made");
        }
        previous = s;
      }
    }, "sampler");
    sampler.start();
    List<CompletableFuture<String>> calls = new ArrayList<>();
    try {
      AsyncWorker worker = thimble.proxy(AsyncWorker.class);
      for (int i = 0; i < 2_000; i++) {
        begun.incrementAndGet();
        CompletableFuture<String> call = i % 3 == 0 ? worker.fail(new IOException("no " + i)) : worker.echo("" + i);
        made.incrementAndGet();
        if (i % 7 == 0) {
          call.cancel(true);
        }
        calls.add(call);
      }
      for (CompletableFuture<String> call : calls) {
        try {
          value(call);
        } catch (Exception expected) {
          // failed or cancelled: counted below
        }
      }
    } finally {
      done.set(true);
      sampler.join(TimeUnit.SECONDS.toMillis(PolicyFixtures.WAIT_SECONDS));
      pool.stopNow();
    }
    assertFalse(sampler.isAlive());
    assertEquals(List.of(), broken.subList(0, Math.min(3, broken.size())));
    ThimbleStats stats = thimble.stats();
    assertEquals(2_000, stats.submitted());
    assertEquals(2_000, stats.finished());
    assertEquals(calls.stream().filter(CompletableFuture::isCancelled).count(), stats.cancelled());
    assertEquals(calls.stream().filter(c -> !c.isCompletedExceptionally()).count(), stats.succeeded());
  }

  @Test
  void aThrowingListenerBreaksNoCallAndItsErrorsReachTheUncaughtExceptionHandler() throws Exception {
    List<String> reported = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler recorder =
        (thread, e) -> reported.add(thread.getName() + ": " + e.getMessage());
    RecordingListener after = new RecordingListener();

    Thimble<Worker> thimble = callWithBrokenListener("listened", recorder, after);

    assertEquals(Arrays.asList("submitted echo", "started echo", "succeeded echo"), after.events,
        "the next listener hears every event");
    assertEquals(1, thimble.stats().succeeded());
    assertEquals(Arrays.asList(Thread.currentThread().getName() + ": submitted broke", "listened: started broke",
        "listened: succeeded broke"), reported);
  }

  @Test
  void aListenerErrorWhoseHandlerThrowsTooStillLetsTheCallComplete() throws Exception {
    Thread.UncaughtExceptionHandler broken = (thread, e) -> {
      throw new IllegalStateException("the handler broke too");
    };

    Thimble<Worker> thimble = callWithBrokenListener("unhandled", broken, new RecordingListener());

    assertEquals(1, thimble.stats().succeeded());
  }

  /**
   * Makes one call, which must succeed, with a listener that throws from each of its events ahead of {@code after},
   * on a pool thread and a calling thread whose uncaught-exception handler is {@code handler}.
   */
  private static Thimble<Worker> callWithBrokenListener(String threadName, Thread.UncaughtExceptionHandler handler,
      ThimbleListener after) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, threadName);
      t.setUncaughtExceptionHandler(handler);
      return t;
    });
    Thread caller = Thread.currentThread();
    Thread.UncaughtExceptionHandler callersHandler = caller.getUncaughtExceptionHandler();
    caller.setUncaughtExceptionHandler(handler);
    try {
      ThimbleListener broken = new ThimbleListener() {
        @Override
        public void submitted(String call) {
          throw new IllegalStateException("submitted broke");
        }

        @Override
        public void started(String call, long queueWaitNanos) {
          throw new IllegalStateException("started broke");
        }

        @Override
        public void succeeded(String call, long runNanos) {
          throw new IllegalStateException("succeeded broke");
        }
      };
      Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(ThimblePool.of(executor))
          .listener(broken).listener(after).build();
      assertEquals("fine", value(thimble.proxy(AsyncWorker.class).echo("fine")));
      return thimble;
    } finally {
      caller.setUncaughtExceptionHandler(callersHandler == caller.getThreadGroup() ? null : callersHandler);
      executor.shutdownNow();
    }
  }
  @Test
  void callsAreCountedAndTimedOnlyWhenStatsAreAskedFor() {
    ManualPool pool = new ManualPool("stats");
    try (Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).build()) {
      CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("timed");
      pool.runAll(); // it waited in the queue until now, and then ran
      assertEquals("timed", call.join());
      ThimbleStats stats = thimble.stats();
      assertEquals(1, stats.succeeded());
      assertTrue(stats.queueWaitNanos() > 0 && stats.runNanos() > 0, stats.toString());
    }
    try (Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(new InlinePool("stats")).build()) {
      assertEquals("untimed", thimble.proxy(AsyncWorker.class).echo("untimed").join());
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          thimble::stats);
      assertEquals(thimble + " does not record stats: build it with Thimble.builder(target).recordStats(true)"
          + " (counting costs every call, so thimble counts only when asked; a listener hears every call either"
          + " way)", e.getMessage());
    }
  }

  @Test
  void aListenerHearsTimesWithoutRecordStats() {
    List<Long> times = new CopyOnWriteArrayList<>();
    ManualPool pool = new ManualPool("stats");
    try (Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool).listener(new ThimbleListener() {
      @Override
      public void started(String call, long queueWaitNanos) {
        times.add(queueWaitNanos);
      }

      @Override
      public void succeeded(String call, long runNanos) {
        times.add(runNanos);
      }
    }).build()) {
      CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("heard");
      pool.runAll();
      assertEquals("heard", call.join());
      assertEquals(2, times.size());
      assertTrue(times.get(0) > 0 && times.get(1) > 0, times.toString());
    }
  }
}
