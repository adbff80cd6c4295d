package dev.thimble;

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
import dev.thimble.testing.ManualPool;
import java.util.concurrent.CancellationException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancelling a returned future: queued calls never run, running calls are interrupted (by policy). */
class PolicyCancelTest {
  private final ThimblePool pool = startedPool("cancel", 1, 100);

  @AfterEach
  void stopPool() throws InterruptedException {
    PolicyFixtures.stopNowAndAwait(List.of(pool));
  }

  @ParameterizedTest(name = "cancel({0})")
  @ValueSource(booleans = {true, false})
  void cancelRemovesQueuedCallWhichNeverRuns(boolean mayInterrupt) throws Exception {
    ManualPool manual = new ManualPool();
    AtomicInteger ran = new AtomicInteger();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(manual).build();

    CompletableFuture<Integer> call = thimble.submit(w -> ran.incrementAndGet());
    assertEquals(1, manual.pending());

    assertTrue(call.cancel(mayInterrupt));
    assertTrue(call.isCancelled());
    assertEquals(0, manual.pending());
    assertEquals(0, manual.runAll());
    assertEquals(0, ran.get());
    assertEquals(1, thimble.stats().cancelled());
  }

  @ParameterizedTest(name = "cancel({0})")
  @ValueSource(booleans = {true, false})
  void cancelRemovesCallQueuedBehindABusyThread(boolean mayInterrupt) throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate busy = new Gate();
    Gate queued = new Gate();
    CompletableFuture<String> first = worker.block(busy);
    busy.awaitStarted();
    CompletableFuture<String> second = worker.block(queued);

    assertTrue(second.cancel(mayInterrupt));
    busy.open();
    assertEquals("released", value(first));
    assertEquals("next", value(worker.echo("next"))); // ran after the cancelled call's turn
    assertEquals(0, queued.entries);
    assertThrows(CancellationException.class, second::join);
  }

  @ParameterizedTest(name = "cancel({0})")
  @ValueSource(booleans = {true, false})
  void cancelInterruptsCallBlockedInBlockingQueueTake(boolean mayInterrupt) throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.take(gate, new LinkedBlockingQueue<>());
    gate.awaitStarted();

    assertTrue(call.cancel(mayInterrupt));
    assertTrue(call.isCancelled());
    gate.awaitInterrupted();
  }

  @Test
  void cancelInterruptsCallInThreadSleep() throws Exception {
    Gate gate = new Gate(); // latches: the test sees the call start and be interrupted
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    CompletableFuture<String> call = worker.sleep(gate, TimeUnit.MINUTES.toMillis(10)); // Thread.sleep on the pool
    gate.awaitStarted();
    assertTrue(call.cancel(true)); // interrupts the pool thread: sleep throws InterruptedException at once
    gate.awaitInterrupted();
    assertThrows(CancellationException.class, call::join);
  }

  @Test
  void cancelInterruptsCallInObjectWait() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.waitOn(gate, new Object());
    gate.awaitStarted();

    assertTrue(call.cancel(true));
    gate.awaitInterrupted();
  }

  @Test
  void interruptNeverLeaksIntoTheNextCallOnTheSameThread() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> cancelled = worker.take(gate, new LinkedBlockingQueue<>());
    gate.awaitStarted();
    cancelled.cancel(true);
    gate.awaitFinished();

    assertEquals(gate.threadName, value(worker.threadName()), "one thread: the next call runs where it ran");
    assertFalse(value(worker.interruptedFlag()));
  }

  @Test
  void interruptNeverLeaksWhenTheCancelRacesTheCallsEnd() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    for (int i = 0; i < 300; i++) {
      CompletableFuture<String> racing = worker.echo("racing");
      racing.cancel(true); // queued, running, or already done: any of them
      assertFalse(value(worker.interruptedFlag()), "round " + i);
    }
  }

  @Test
  void cancellingADependentStageDoesNotReachTheCall() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.block(gate);
    CompletableFuture<Integer> length = call.thenApply(String::length);
    gate.awaitStarted();

    assertTrue(length.cancel(true)); // cancels only the stage, as with any CompletableFuture
    assertFalse(call.isDone());
    gate.open();
    assertEquals("released", value(call)); // to stop the call, cancel the future the face returned
    assertFalse(gate.wasInterrupted());
  }

  @Test
  void cancelAfterCompletionIsANoOp() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("done");
    assertEquals("done", value(call));

    assertFalse(call.cancel(true));
    assertFalse(call.isCancelled());
    assertEquals("done", call.join());
    assertEquals(0, thimble.stats().cancelled());
    assertEquals(1, thimble.stats().succeeded());
  }

  @Test
  void cancelAfterFailureKeepsTheFailure() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    IllegalStateException error = new IllegalStateException("broken");
    CompletableFuture<String> call = worker.fail(error);
    assertSame(error, failure(call));

    assertFalse(call.cancel(true));
    assertSame(error, failure(call));
  }

  @Test
  void withoutInterruptOnCancelTheCallRunsOnButTheFutureIsCancelledAtOnce() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(pool).interruptOnCancel(false).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.block(gate);
    gate.awaitStarted();

    assertTrue(call.cancel(true));
    assertTrue(call.isCancelled());
    assertEquals(1, gate.finished.getCount(), "still running");
    gate.open();
    gate.awaitFinished();
    assertFalse(gate.wasInterrupted());
    assertEquals("after", value(worker.echo("after")));
    assertEquals(1, thimble.stats().cancelled());
    assertEquals(1, thimble.stats().succeeded()); // "after"; the abandoned call's value was dropped
  }

  @Test
  void withoutInterruptOnCancelAQueuedCallIsStillRemoved() {
    ManualPool manual = new ManualPool();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(manual).interruptOnCancel(false).build();
    Gate gate = new Gate();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).block(gate);

    assertTrue(call.cancel(false));
    assertEquals(0, manual.runAll());
    assertEquals(0, gate.entries);
  }

  @Test
  void completingTheFutureFromOutsideInterruptsTheCallLikeACancel() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.block(gate);
    gate.awaitStarted();

    assertTrue(call.complete("from outside"));
    gate.awaitInterrupted();
    assertEquals("from outside", call.join());
    assertFalse(value(worker.interruptedFlag()));
  }

  @Test
  void cancelledRunningCallCountsAsCancelledNotFailed() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).build();
    Gate gate = new Gate();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).block(gate);
    gate.awaitStarted();
    call.cancel(true);
    gate.awaitFinished();
    value(thimble.proxy(AsyncWorker.class).echo("fence")); // the cancelled call's thread has moved on

    ThimbleStats stats = thimble.stats();
    assertEquals(1, stats.cancelled());
    assertEquals(0, stats.failed());
    assertEquals(1, stats.succeeded());
    assertEquals(0, stats.running());
    assertInstanceOf(CancellationException.class, assertThrows(CancellationException.class, call::join));
  }
}
