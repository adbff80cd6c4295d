package dev.thimble;

import static dev.thimble.PolicyFixtures.assumeRanBeforeDeadline;
import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.startedPool;
import static dev.thimble.PolicyFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Gate;
import dev.thimble.PolicyFixtures.Worker;
import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts: counted from submission, named in the message, cancelling by policy, on one shared timer thread. */
class PolicyTimeoutTest {
  private final ThimblePool pool = startedPool("timeouts", 2, 100);
  private final Gate gate = new Gate();

  @AfterEach
  void stopPool() throws InterruptedException {
    PolicyFixtures.stopNowAndAwait(List.of(pool));
  }

  @Test
  void aQueuedCallTimesOutWithoutEverRunning() throws Exception {
    ManualPool manual = new ManualPool(); // nothing runs until the test says so: the call stays queued
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(manual).timeout(20, TimeUnit.MILLISECONDS).build();
    AtomicInteger ran = new AtomicInteger();

    CompletableFuture<Integer> call = thimble.submit(w -> ran.incrementAndGet());
    TimeoutException e = assertInstanceOf(TimeoutException.class, failure(call));
    assertEquals("Thimble.submit timed out after 20 milliseconds (counted from submission; the call was still "
        + "queued and will not run)", e.getMessage());
    assertEquals(0, manual.runAll());
    assertEquals(0, ran.get());
    ThimbleStats stats = thimble.stats();
    assertEquals(1, stats.timedOut());
    assertEquals(0, stats.queued());
    assertEquals(1, stats.finished());
  }

  @Test
  void aRunningCallIsInterruptedWhenItTimesOut() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool)
        .timeout(5, TimeUnit.SECONDS)                      // every call...
        .timeout("take", 250, TimeUnit.MILLISECONDS)      // ...but take gets less
        .build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).take(gate, new LinkedBlockingQueue<>());
    TimeoutException e = assertInstanceOf(TimeoutException.class, failure(call));
    assumeRanBeforeDeadline(e);
    assertEquals("AsyncWorker.take timed out after 250 milliseconds (counted from submission; the call was "
        + "running and was interrupted)", e.getMessage());
    gate.awaitInterrupted();
    assertFalse(value(thimble.proxy(AsyncWorker.class).interruptedFlag()));
  }

  @Test
  void withoutInterruptOnCancelATimedOutCallIsLeftToFinish() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).interruptOnCancel(false)
        .timeout("block", 250, TimeUnit.MILLISECONDS).build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).block(gate);

    TimeoutException e = assertInstanceOf(TimeoutException.class, failure(call));
    assumeRanBeforeDeadline(e);
    assertEquals("AsyncWorker.block timed out after 250 milliseconds (counted from submission; the call was "
        + "running and was left to finish)", e.getMessage());
    assertEquals(1, gate.finished.getCount(), "still running");
    gate.open();
    gate.awaitFinished();
    assertFalse(gate.wasInterrupted());
    ThimbleStats stats = thimble.stats();
    assertEquals(1, stats.timedOut());
    assertEquals(0, stats.succeeded());
  }

  @Test
  void aPerMethodTimeoutAppliesOnlyToThatMethod() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool)
        .timeout("take", 10, TimeUnit.MILLISECONDS).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    CompletableFuture<String> blocked = worker.block(gate);
    CompletableFuture<String> takes = worker.take(new Gate(), new LinkedBlockingQueue<>());

    assertInstanceOf(TimeoutException.class, failure(takes));
    assertFalse(blocked.isDone(), "block has no timeout");
    gate.open();
    assertEquals("released", value(blocked));
  }

  @Test
  void aCallThatEndsInTimeIsNotTimedOut() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(pool).timeout(1, TimeUnit.HOURS).build();
    assertEquals("quick", value(thimble.proxy(AsyncWorker.class).echo("quick")));
    assertEquals(0, thimble.stats().timedOut());
    assertEquals(1, thimble.stats().succeeded());
  }

  @Test
  void theTimerIsOneSharedDaemonThreadNamedThimbleTimer() throws Exception {
    ManualPool manual = new ManualPool();
    Set<Thread> timerThreads = ConcurrentHashMap.newKeySet();
    ThimbleListener timerThreadRecorder = new ThimbleListener() {
      @Override
      public void timedOut(String call, TimeoutException error) {
        timerThreads.add(Thread.currentThread()); // listeners hear an event on the thread where it happens
      }
    };
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
          .pool(manual).timeout(5, TimeUnit.MILLISECONDS)
          .listener(timerThreadRecorder).build();
      for (int i = 0; i < 20; i++) {
        calls.add(thimble.proxy(AsyncWorker.class).echo("never runs"));
      }
    }
    for (CompletableFuture<?> call : calls) {
      assertInstanceOf(TimeoutException.class, failure(call));
    }

    assertEquals(1, timerThreads.size(), "one timer thread for 60 calls of 3 thimbles: " + timerThreads);
    Thread timer = timerThreads.iterator().next();
    assertEquals("thimble-timer", timer.getName());
    assertTrue(timer.isDaemon());
    long alive = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("thimble-timer")).count();
    assertTrue(alive <= 1, "timer threads alive: " + alive);
  }

  @Test
  void noTimerTaskOutlivesItsCall() throws Exception {
    int before = CallTimer.pending();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(pool).timeout(1, TimeUnit.HOURS).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    Gate running = new Gate();
    CompletableFuture<String> cancelledWhileRunning = worker.block(running);
    running.awaitStarted();
    List<CompletableFuture<String>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) { // fits the queue: none is refused
      calls.add(worker.echo("ok " + i));
      calls.add(worker.fail(new IllegalStateException("failed " + i)));
    }
    assertTrue(CallTimer.pending() > before, "timeouts are scheduled while calls are pending");
    cancelledWhileRunning.cancel(true);
    for (CompletableFuture<String> call : calls) {
      failureOrValue(call);
    }

    ManualPool manual = new ManualPool();
    Thimble<Worker> queued = Thimble.builder(new Worker()).recordStats(true)
        .pool(manual).timeout(1, TimeUnit.HOURS).build();
    queued.proxy(AsyncWorker.class).echo("cancelled while queued").cancel(false);
    manual.stop();
    failure(queued.proxy(AsyncWorker.class).echo("refused by a stopped pool"));
    Thimble<Worker> inline = Thimble.builder(new Worker()).recordStats(true)
        .pool(new InlinePool()).timeout(1, TimeUnit.HOURS)
        .build();
    assertEquals("inline", value(inline.proxy(AsyncWorker.class).echo("inline")));

    assertEquals(before, CallTimer.pending());
  }

  @Test
  void aTimedOutFutureCarriesTheCallSiteWhenAsked() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(new ManualPool()).captureCallSite(true)
        .timeout(1, TimeUnit.MILLISECONDS).build();
    Throwable e = failure(thimble.proxy(AsyncWorker.class).echo("late"));
    assertEquals(1, e.getSuppressed().length);
    assertEquals("called AsyncWorker.echo from here", e.getSuppressed()[0].getMessage());
  }

  @Test
  void timeoutMustBePositive() {
    Thimble.Builder<Worker> builder = Thimble.builder(new Worker()).recordStats(true);
    assertEquals("timeout must be positive: 0 SECONDS", assertThrows(
        IllegalArgumentException.class, () -> builder.timeout(0, TimeUnit.SECONDS)).getMessage());
    assertEquals("timeout for echo must be positive: -1 MILLISECONDS",
        assertThrows(IllegalArgumentException.class,
            () -> builder.timeout("echo", -1, TimeUnit.MILLISECONDS)).getMessage());
  }

  private static void failureOrValue(CompletableFuture<String> call) throws Exception {
    try {
      value(call);
    } catch (java.util.concurrent.ExecutionException e) {
      assertSame(IllegalStateException.class, e.getCause().getClass());
    }
  }
}
