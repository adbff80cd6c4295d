package dev.thimble;

import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.startedPool;
import static dev.thimble.PolicyFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Gate;
import dev.thimble.PolicyFixtures.Worker;
import dev.thimble.testing.ManualPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code maxConcurrency(n)}: a per-thimble limit over a shared pool, FIFO, holding no pool thread while waiting. */
class PolicyLaneTest {
  private static LaneExecutor laneOf(Thimble<?> thimble) {
    LaneExecutor lane = thimble.engine.lane;
    assertNotNull(lane);
    return lane;
  }

  @Test
  void maxConcurrencyHandsThePoolAtMostNCallsAtOnce() {
    ManualPool pool = new ManualPool();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(2).build();
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int id = i;
      calls.add(thimble.submit(w -> {
        order.add(id);
        return id;
      }));
    }

    assertEquals(2, pool.pending());
    assertEquals(3, laneOf(thimble).waiting());
    assertTrue(pool.runNext());
    assertEquals(2, pool.pending(), "the call that ended handed its place to the next one");
    assertEquals(2, laneOf(thimble).waiting());
    assertEquals(4, pool.runAll());
    assertEquals(Arrays.asList(0, 1, 2, 3, 4), order, "FIFO");
    for (int i = 0; i < 5; i++) {
      assertEquals(i, calls.get(i).join());
    }
  }

  @Test
  void maxConcurrencyOneSerializesCallsOnAPoolWithManyThreads() throws Exception {
    ThimblePool pool = startedPool("lane", 4, 100);
    try {
      Gate first = new Gate();
      Gate second = new Gate();
      Thimble<Worker> serial = Thimble.builder(new Worker()).recordStats(true)
          .pool(pool) // a pool of 4 threads, maybe shared
          .maxConcurrency(1)                                            // but one call of this thimble at a time
          .build();
      AsyncWorker worker = serial.proxy(AsyncWorker.class);
      CompletableFuture<String> a = worker.block(first);
      CompletableFuture<String> b = worker.block(second); // waits in the lane (FIFO), holding no pool thread
      first.awaitStarted();
      assertEquals(1, laneOf(serial).waiting());
      first.open();
      second.open();
      assertEquals("released", value(a));
      assertEquals("released", value(b));
      assertEquals(1, second.entries);
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void maxConcurrencyOneNeverOverlapsUnderConcurrentCallers() throws Exception {
    ThimblePool pool = startedPool("lane", 4, 10_000);
    try {
      Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      int callers = 4;
      int callsEach = 250;
      CyclicBarrier go = new CyclicBarrier(callers);
      List<CompletableFuture<Integer>> calls = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        Thread t = new Thread(() -> {
          try {
            go.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          for (int i = 0; i < callsEach; i++) {
            calls.add(thimble.submit(w -> {
              if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
              }
              Thread.yield();
              return inside.decrementAndGet();
            }));
          }
        }, "caller-" + c);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(PolicyFixtures.WAIT_SECONDS));
        assertFalse(t.isAlive());
      }
      for (CompletableFuture<Integer> call : calls) {
        assertEquals(0, value(call));
      }
      assertEquals(callers * callsEach, calls.size());
      assertEquals(0, overlaps.get());
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void aCancelledWaitingCallIsSkippedAndNeverRuns() {
    ManualPool pool = new ManualPool();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
    List<String> ran = new CopyOnWriteArrayList<>();
    CompletableFuture<String> a = thimble.submit(w -> add(ran, "a"));
    CompletableFuture<String> b = thimble.submit(w -> add(ran, "b"));
    CompletableFuture<String> c = thimble.submit(w -> add(ran, "c"));

    assertTrue(b.cancel(false));
    assertEquals(2, pool.runAll());
    assertEquals(Arrays.asList("a", "c"), ran);
    assertEquals("a", a.join());
    assertEquals("c", c.join());
    assertEquals(0, laneOf(thimble).waiting());
  }

  @Test
  void aCancelledCallHoldingThePlaceFreesItAtOnce() {
    ManualPool pool = new ManualPool();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
    List<String> ran = new CopyOnWriteArrayList<>();
    CompletableFuture<String> a = thimble.submit(w -> add(ran, "a"));
    CompletableFuture<String> b = thimble.submit(w -> add(ran, "b"));
    assertEquals(1, laneOf(thimble).waiting());

    assertTrue(a.cancel(true)); // queued on the pool, holding the lane's only place
    assertEquals(0, laneOf(thimble).waiting(), "b took the place");
    assertEquals(1, pool.pending());
    assertEquals(1, pool.runAll());
    assertEquals(Arrays.asList("b"), ran);
    assertEquals("b", b.join());
  }

  @Test
  void aWaitingCallThatTimesOutFreesNoPlaceItDidNotHold() throws Exception {
    ManualPool pool = new ManualPool();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1)
        .timeout("echo", 1, TimeUnit.MILLISECONDS).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    List<String> ran = new CopyOnWriteArrayList<>();
    CompletableFuture<String> holder = thimble.submit(w -> add(ran, "holder"));
    CompletableFuture<String> timesOut = worker.echo("late");
    assertInstanceOf(TimeoutException.class, failure(timesOut));
    CompletableFuture<String> next = thimble.submit(w -> add(ran, "next"));

    assertEquals(1, pool.pending(), "still one call on the pool at a time");
    assertEquals(2, pool.runAll());
    assertEquals(Arrays.asList("holder", "next"), ran);
    assertEquals("holder", holder.join());
    assertEquals("next", next.join());
  }

  @Test
  void aCallThatTimesOutBeforeItReachesTheLaneTakesNoPlace() throws Exception {
    ManualPool pool = new ManualPool();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1)
        .timeout("echo", 1, TimeUnit.NANOSECONDS).build(); // expires at once: often before the call is queued
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    for (int i = 0; i < 500; i++) {
      assertInstanceOf(TimeoutException.class, failure(worker.echo("expired " + i)));
    }

    CompletableFuture<String> next = worker.threadName();
    assertEquals(1, pool.pending(), "the lane's place is free: " + laneOf(thimble));
    pool.runAll();
    assertEquals(Thread.currentThread().getName(), next.join());
  }

  @Test
  void aLaneNeverHoldsAPoolThreadWhileItsCallsWait() throws Exception {
    // Two threads started on demand and one queue slot: if the lane's five waiting calls had gone to the pool,
    // they would have taken the free thread and the slot, and the other thimble's call would be refused.
    ThimblePool pool = ThimblePool.builder("shared").threads(0, 2).queueCapacity(1).build();
    pool.start();
    try {
      Thimble<Worker> serialThimble = Thimble.builder(new Worker()).recordStats(true)
          .pool(pool).maxConcurrency(1).build();
      AsyncWorker serial = serialThimble.proxy(AsyncWorker.class);
      AsyncWorker other = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
      Gate holding = new Gate();
      CompletableFuture<String> running = serial.block(holding);
      holding.awaitStarted();
      List<Gate> waiting = new ArrayList<>();
      List<CompletableFuture<String>> waitingCalls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Gate gate = new Gate();
        gate.open();
        waiting.add(gate);
        waitingCalls.add(serial.block(gate));
      }

      assertEquals("free", value(other.echo("free")));
      for (Gate gate : waiting) {
        assertEquals(0, gate.entries);
      }
      holding.open();
      assertEquals("released", value(running));
      for (CompletableFuture<String> call : waitingCalls) {
        assertEquals("released", value(call));
      }
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void aLaneHandsItsNextCallToTheThreadItsLastCallFreesEvenWithoutAQueue() throws Exception {
    ThimblePool pool = ThimblePool.builder("unqueued").threads(0, 1).queueCapacity(0).build();
    pool.start();
    try {
      Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
      AsyncWorker worker = thimble.proxy(AsyncWorker.class);
      Gate first = new Gate();
      CompletableFuture<String> a = worker.block(first);
      first.awaitStarted();
      CompletableFuture<String> b = worker.echo("b");
      CompletableFuture<String> c = worker.echo("c");
      first.open();

      assertEquals("released", value(a));
      assertEquals("b", value(b));
      assertEquals("c", value(c));
      assertEquals(0, thimble.stats().rejected());
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void aGracefulStopLetsTheCallsWaitingInALaneRun() throws Exception {
    ThimblePool pool = startedPool("stopping", 2, 100);
    try {
      PolicyFixtures.assertGracefulStopRunsTheLane(pool);
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void stopNowRefusesTheCallsWaitingInALane() throws Exception {
    ThimblePool pool = startedPool("stopping", 2, 100);
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    Gate first = new Gate();
    CompletableFuture<String> running = worker.block(first);
    first.awaitStarted();
    CompletableFuture<String> waiting = worker.echo("made before stopNow()");

    pool.stopNow();
    first.awaitInterrupted();
    assertInstanceOf(InterruptedException.class, failure(running));
    assertInstanceOf(RejectedExecutionException.class, failure(waiting));
    assertTrue(pool.awaitStopped(PolicyFixtures.WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void stopNowDropsAQueuedTaskOfTheExecutorAndRefusesWhatWaitsBehindIt() throws Exception {
    ManualPool pool = new ManualPool("stopping");
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
    List<String> ran = new CopyOnWriteArrayList<>();
    thimble.executor().execute(() -> ran.add("plain task")); // queued on the pool, holding the lane's place
    FutureTask<String> told = new FutureTask<>(() -> "told");
    thimble.executor().execute(told); // waits in the lane
    CompletableFuture<String> call = thimble.submit(w -> add(ran, "call")); // waits in the lane too
    assertEquals(1, pool.pending());
    assertEquals(2, laneOf(thimble).waiting());

    pool.stopNow();

    assertEquals(Arrays.asList(), ran, "nothing queued runs after stopNow");
    assertTrue(told.isCancelled(), "a task that is a Future hears it will not run");
    assertInstanceOf(RejectedExecutionException.class, failure(call), "the dropped task's place was given back");
    assertEquals(0, laneOf(thimble).waiting());
  }

  @Test
  void maxConcurrencyMustBePositive() {
    Thimble.Builder<Worker> builder = Thimble.builder(new Worker()).recordStats(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrency(0));
    assertEquals("maxConcurrency must be positive: 0", e.getMessage());
  }

  private static String add(List<String> ran, String name) {
    ran.add(name);
    return name;
  }
}
