package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The test doubles of {@code dev.thimble.testing} (DESIGN 3.6). */
class TestDoublesTest {

  public static class Recorder {
    final List<String> calls = new ArrayList<>();

    public String record(String what) {
      calls.add(what);
      return what + " on " + Thread.currentThread().getName();
    }
  }

  // ---- InlinePool ----

  @Test
  void inlinePoolRunsEachCallOnTheCallingThreadAtOnce() throws Exception {
    InlinePool pool = new InlinePool();
    CompletableFuture<String> call = Thimble.of(new Recorder(), pool).submit(r -> r.record("a"));

    assertTrue(call.isDone());
    assertEquals("a on " + Thread.currentThread().getName(), call.get(10, SECONDS));
  }

  @Test
  void inlinePoolRecordsItsLife() {
    InlinePool pool = new InlinePool("fake");
    assertEquals("fake", pool.name());
    assertFalse(pool.isStarted());
    assertFalse(pool.isStopped());
    assertEquals("InlinePool[fake, new]", pool.toString());

    pool.start();
    assertTrue(pool.isStarted());
    assertEquals("InlinePool[fake, started]", pool.toString());

    pool.stop();
    assertFalse(pool.isStarted());
    assertTrue(pool.isStopped());
    assertTrue(pool.awaitStopped(0, SECONDS));
    assertEquals("InlinePool[fake, stopped]", pool.toString());
  }

  @Test
  void inlinePoolRejectsBeforeStartAndAfterStop() {
    InlinePool pool = new InlinePool();
    assertEquals("pool inline is not started; start() it, or let a thimble start it on its first call",
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {})).getMessage());

    pool.start();
    pool.stopNow();

    assertEquals("pool inline is stopped; calls made after stop() are rejected",
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {})).getMessage());
    assertEquals("pool inline is stopped; a stopped pool cannot be restarted",
        assertThrows(IllegalStateException.class, pool::start).getMessage());
  }

  // ---- ManualPool ----

  @Test
  void manualPoolHoldsCallsUntilTheTestRunsThemInOrder() throws Exception {
    ManualPool pool = new ManualPool();
    Recorder recorder = new Recorder();
    Thimble<Recorder> thimble = Thimble.of(recorder, pool);

    CompletableFuture<String> a = thimble.submit(r -> r.record("a"));
    CompletableFuture<String> b = thimble.submit(r -> r.record("b"));
    CompletableFuture<String> c = thimble.submit(r -> r.record("c"));

    assertEquals(3, pool.pending());
    assertTrue(recorder.calls.isEmpty());
    assertTrue(pool.runNext());
    assertEquals(Arrays.asList("a"), recorder.calls);
    assertTrue(a.isDone());
    assertFalse(b.isDone());
    assertEquals(2, pool.runAll());
    assertEquals(Arrays.asList("a", "b", "c"), recorder.calls);
    assertEquals("c on " + Thread.currentThread().getName(), c.get(10, SECONDS));
    assertFalse(pool.runNext());
    assertEquals(0, pool.runAll());
  }

  @Test
  void manualPoolRunAllRunsCallsQueuedByCalls() throws Exception {
    ManualPool pool = new ManualPool();
    Thimble<Recorder> thimble = Thimble.of(new Recorder(), pool);

    CompletableFuture<String> chained = thimble.submit(r -> r.record("first"))
        .thenCompose(first -> thimble.submit(r -> r.record("second")));

    assertEquals(2, pool.runAll());
    assertEquals("second on " + Thread.currentThread().getName(), chained.get(10, SECONDS));
  }

  @Test
  void manualPoolDropsCallsCancelledWhileQueued() throws Exception {
    ManualPool pool = new ManualPool();
    Recorder recorder = new Recorder();
    Thimble<Recorder> thimble = Thimble.of(recorder, pool);
    CompletableFuture<String> a = thimble.submit(r -> r.record("a"));
    CompletableFuture<String> b = thimble.submit(r -> r.record("b"));

    assertTrue(a.cancel(false));

    assertEquals(1, pool.pending(), "the cancelled call is not counted");
    assertEquals(1, pool.runAll(), "nor run");
    assertEquals(Arrays.asList("b"), recorder.calls);
    assertThrows(CancellationException.class, () -> a.get(10, SECONDS));
    assertEquals("b on " + Thread.currentThread().getName(), b.get(10, SECONDS));
  }

  @Test
  void manualPoolStopLeavesQueuedCallsToRunAndStopNowCancelsThem() throws Exception {
    ManualPool pool = new ManualPool("manual");
    Thimble<Recorder> thimble = Thimble.of(new Recorder(), pool);
    CompletableFuture<String> a = thimble.submit(r -> r.record("a"));
    CompletableFuture<String> b = thimble.submit(r -> r.record("b"));

    pool.stop();
    assertTrue(pool.isStopped());
    assertFalse(pool.awaitStopped(0, SECONDS), "calls are left: not stopped yet");
    CompletableFuture<String> late = thimble.submit(r -> r.record("late"));
    assertTrue(late.isCompletedExceptionally());
    assertTrue(pool.runNext());
    assertTrue(a.isDone());

    pool.stopNow();

    assertTrue(b.isCancelled());
    assertEquals(0, pool.pending());
    assertTrue(pool.awaitStopped(0, SECONDS));
  }

  @Test
  void manualPoolRejectsBeforeStart() {
    ManualPool pool = new ManualPool("held");

    assertEquals("pool held is not started; start() it, or let a thimble start it on its first call",
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {})).getMessage());
  }

  @Test
  void manualPoolCloseStopsNowWhenCallsAreLeft() {
    ManualPool pool = new ManualPool();
    CompletableFuture<String> left = Thimble.of(new Recorder(), pool).submit(r -> r.record("left"));

    pool.close();

    assertTrue(left.isCancelled());
    assertTrue(pool.isStopped());
  }

  // ---- FakeShutdownOwner ----

  @Test
  void fakeShutdownOwnerRunsWhatWasRegisteredOnceInOrder() {
    FakeShutdownOwner owner = new FakeShutdownOwner();
    List<String> ran = new ArrayList<>();
    owner.onShutdown(() -> ran.add("first"));
    owner.onShutdown(() -> ran.add("second"));
    assertEquals(2, owner.registered());
    assertFalse(owner.isStopped());

    owner.stop();
    owner.stop();

    assertEquals(Arrays.asList("first", "second"), ran);
    assertEquals(0, owner.registered());
    assertTrue(owner.isStopped());
  }

  @Test
  void fakeShutdownOwnerThatStoppedRunsALateRegistrationAtOnce() {
    FakeShutdownOwner owner = new FakeShutdownOwner();
    owner.stop();
    List<String> ran = new ArrayList<>();

    owner.onShutdown(() -> ran.add("late"));

    assertEquals(Arrays.asList("late"), ran);
    assertEquals(0, owner.registered());
  }

  @Test
  void thimbleStartingAPoolAfterItsOwnerStoppedStopsItAtOnce() throws Exception {
    FakeShutdownOwner owner = new FakeShutdownOwner();
    owner.stop();
    InlinePool pool = new InlinePool();
    Thimble<Recorder> thimble = Thimble.builder(new Recorder()).pool(pool).shutdownOwner(owner).build();

    CompletableFuture<String> first = thimble.submit(r -> r.record("a"));

    assertTrue(pool.isStopped(), "the registration ran at once and stopped the pool");
    assertTrue(first.isDone(), "the first call still completes");
  }
}
