package dev.thimble;

import static dev.thimble.PolicyFixtures.WAIT_SECONDS;
import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.startedPool;
import static dev.thimble.PolicyFixtures.value;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Worker;
import dev.thimble.testing.InlinePool;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The completion guarantee where an attack broke it (issue 11): executors that run tasks on the calling thread, idle
 * threads, stops with cancels, cancellation storms, dependent stages, stopNow behind a stuck call, and a pool that
 * runs a task twice.
 */
class CompletionGuaranteeTest {
  /** Far more waiting calls than a recursive hand-on survives on the small stack below. */
  private static final int WAITING_CALLS = 5_000;
  private static final long SMALL_STACK = 256 * 1024;

  /** A target whose first call holds the lane until released; it may ignore interrupts. */
  public static final class Holder {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);

    String hold() throws InterruptedException {
      started.countDown();
      try {
        assertTrue(release.await(WAIT_SECONDS, SECONDS), "never released");
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return "held";
    }

    /** As a JDBC socket read: an interrupt does not end it. */
    String holdIgnoringInterrupts() {
      started.countDown();
      long deadline = System.nanoTime() + SECONDS.toNanos(WAIT_SECONDS);
      while (true) {
        try {
          release.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          return "held";
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      }
    }

    int size(byte[] bytes) {
      return bytes.length;
    }

    void awaitStarted() throws InterruptedException {
      assertTrue(started.await(WAIT_SECONDS, SECONDS), "the holding call did not start");
    }
  }

  // ---- 1. a lane over an executor that runs tasks on the calling thread ----

  @Test
  void aLaneOverAnExecutorThatRunsTasksOnTheCallingThreadHandsOnThousandsOfWaitingCalls() throws Exception {
    assertLaneHandsOnIteratively(ThimblePool.of(Runnable::run));
  }

  @Test
  void aLaneOverAnInlinePoolHandsOnThousandsOfWaitingCalls() throws Exception {
    InlinePool pool = new InlinePool();
    pool.start();
    assertLaneHandsOnIteratively(pool);
  }

  /**
   * The holding call runs (inline) on a thread with a small stack; when it ends, thousands of calls wait behind it,
   * and each runs inline on that same thread as its place is handed on.
   */
  private static void assertLaneHandsOnIteratively(ThimblePool pool) throws Exception {
    Holder holder = new Holder();
    Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true).pool(pool).maxConcurrency(1).build();
    AtomicReference<CompletableFuture<String>> first = new AtomicReference<>();
    AtomicReference<Throwable> crashed = new AtomicReference<>();
    Thread caller = new Thread(null, () -> first.set(thimble.submit(Holder::hold)), "small-stack", SMALL_STACK);
    caller.setUncaughtExceptionHandler((t, e) -> crashed.set(e));
    caller.start();
    holder.awaitStarted();
    List<CompletableFuture<Integer>> waiting = new ArrayList<>();
    for (int i = 0; i < WAITING_CALLS; i++) {
      int n = i;
      waiting.add(thimble.submit(h -> n));
    }

    holder.release.countDown();
    caller.join(SECONDS.toMillis(WAIT_SECONDS));

    assertNull(crashed.get(), "the thread handing the place on crashed");
    assertEquals("held", value(first.get()));
    for (int i = 0; i < WAITING_CALLS; i++) {
      assertEquals(Integer.valueOf(i), value(waiting.get(i)), "waiting call " + i);
    }
    assertEquals(Integer.valueOf(42), value(thimble.<Integer>submit(h -> 42)), "the lane lost its place");
    assertEquals(WAITING_CALLS + 2, thimble.stats().succeeded());
  }

  // ---- 2. a pool with idle threads ----

  @Test
  void aBurstToAPoolWhoseThreadsHaveNotWokenIsQueuedNotRefused() throws Exception {
    ThimblePool pool = ThimblePool.builder("burst").threads(8, 8).queueCapacity(2).build();
    ReentrantLock poolLock = lockOf(pool);
    CountDownLatch done = new CountDownLatch(10);
    // Held by the test, the pool's lock keeps its threads from waking: every call handed to them stays queued.
    poolLock.lock();
    try {
      pool.start();
      for (int i = 0; i < 10; i++) { // 8 for the 8 threads, 2 for the queue
        pool.execute(done::countDown);
      }
      RejectedExecutionException full = null;
      try {
        pool.execute(() -> {});
      } catch (RejectedExecutionException e) {
        full = e;
      }
      assertEquals("pool burst is full: 8 of 8 threads busy and 10 calls queued (queueCapacity 2); raise "
              + "threads(min, max) or queueCapacity(n), or bound callers with maxConcurrency(n)",
          full == null ? null : full.getMessage(), "the eleventh call finds every thread taken and the queue full");
    } finally {
      poolLock.unlock();
    }
    assertTrue(done.await(WAIT_SECONDS, SECONDS));
    pool.stop();
    assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
  }

  private static ReentrantLock lockOf(ThimblePool pool) throws ReflectiveOperationException {
    Field lock = WorkerPool.class.getDeclaredField("lock");
    lock.setAccessible(true);
    return (ReentrantLock) lock.get(pool);
  }

  // ---- 4. waiting for room from a pool thread during stop() ----

  @Test
  void submitWhenRoomFromAPoolThreadDuringStopIsRefusedAsSubmitIs() throws Exception {
    ThimblePool pool = startedPool("stopping", 1, 10);
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).build();
    CountDownLatch outerStarted = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    CompletableFuture<Throwable> inner = thimble.submit(w -> {
      outerStarted.countDown();
      assertTrue(stopped.await(WAIT_SECONDS, SECONDS));
      return failure(thimble.submitWhenRoom(x -> "inner"));
    });
    assertTrue(outerStarted.await(WAIT_SECONDS, SECONDS));

    pool.stop();
    stopped.countDown();

    Throwable refusal = value(inner);
    assertInstanceOf(RejectedExecutionException.class, refusal);
    assertEquals("pool stopping is stopped; calls made after stop() are rejected", refusal.getMessage());
    assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
  }

  // ---- 5. a graceful stop runs the lane's calls however the place is freed ----

  @Test
  void aGracefulStopRunsTheCallsWaitingInALaneWhenACancelFreesThePlace() throws Exception {
    ThimblePool pool = startedPool("stopping", 1, 10);
    PolicyFixtures.Gate busy = new PolicyFixtures.Gate();
    AsyncWorker other = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    CompletableFuture<String> occupying = other.block(busy); // the pool's only thread
    busy.awaitStarted();
    Thimble<Worker> laned = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).build();
    CompletableFuture<String> placeHolder = laned.submit(w -> "never"); // holds the place, queued in the pool
    CompletableFuture<String> waiting = laned.submit(w -> "ran after the stop");

    pool.stop();
    assertTrue(placeHolder.cancel(true)); // frees the place on this thread, not a pool thread
    busy.open();

    assertEquals("released", value(occupying));
    assertEquals("ran after the stop", value(waiting));
    assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
  }

  // ---- 6. cancelled waiting calls let go of their arguments ----

  @Test
  void callsCancelledWhileWaitingBehindAStuckCallLetGoOfTheirArguments() throws Exception {
    ThimblePool pool = startedPool("stuck", 1, 10);
    try {
      Holder holder = new Holder();
      Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true).pool(pool).maxConcurrency(1).build();
      CompletableFuture<String> stuck = thimble.submit(Holder::hold);
      holder.awaitStarted();
      List<WeakReference<byte[]>> arguments = new ArrayList<>();
      List<CompletableFuture<Integer>> cancelled = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        byte[] bytes = new byte[1024];
        arguments.add(new WeakReference<>(bytes));
        CompletableFuture<Integer> call = thimble.submit(h -> h.size(bytes));
        assertTrue(call.cancel(true));
        cancelled.add(call); // the caller keeps its futures: the call itself must not keep its arguments
      }

      assertTrue(awaitCleared(arguments), "a cancelled waiting call kept its arguments");
      assertTrue(thimble.engine.lane.waiting() < 100,
          "the lane keeps the cancelled calls: " + thimble.engine.lane.waiting());
      holder.release.countDown();
      assertEquals("held", value(stuck));
      assertTrue(cancelled.get(0).isCancelled());
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void callsThatTimeOutWhileWaitingInALaneLetGoOfTheirArguments() throws Exception {
    ThimblePool pool = startedPool("stuck", 1, 10);
    try {
      Holder holder = new Holder();
      Thimble<Holder> stuckThimble = Thimble.builder(holder).recordStats(true).pool(pool).maxConcurrency(1).build();
      CompletableFuture<String> stuck = stuckThimble.submit(Holder::hold);
      holder.awaitStarted();
      Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true).pool(pool).maxConcurrency(1)
          .timeout(1, TimeUnit.MILLISECONDS).build();
      CompletableFuture<String> placeHolder = thimble.submit(h -> "queued behind the stuck call");
      List<WeakReference<byte[]>> arguments = new ArrayList<>();
      List<CompletableFuture<Integer>> timedOut = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        byte[] bytes = new byte[1024];
        arguments.add(new WeakReference<>(bytes));
        timedOut.add(thimble.submit(h -> h.size(bytes)));
      }
      for (CompletableFuture<Integer> call : timedOut) {
        assertInstanceOf(java.util.concurrent.TimeoutException.class, failure(call));
      }
      assertInstanceOf(java.util.concurrent.TimeoutException.class, failure(placeHolder));

      assertTrue(awaitCleared(arguments), "a timed-out waiting call kept its arguments");
      holder.release.countDown();
      assertEquals("held", value(stuck));
    } finally {
      pool.stopNow();
    }
  }

  /** Collects garbage until every reference is cleared, or gives up after a while. */
  static boolean awaitCleared(List<? extends WeakReference<?>> references) throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      System.gc();
      if (references.stream().allMatch(r -> r.get() == null)) {
        return true;
      }
      Thread.sleep(20); // lets the collector run: a retry, not a synchronisation
    }
    return false;
  }

  // ---- 7. a dependent stage does not hold the lane ----

  @Test
  void aDependentStageOnThePoolThreadCanCallThroughTheLaneItsCallHeld() throws Exception {
    ThimblePool pool = startedPool("dependent", 2, 10);
    try {
      Holder holder = new Holder();
      Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true).pool(pool).maxConcurrency(1).build();
      CompletableFuture<String> a = thimble.submit(Holder::hold);
      holder.awaitStarted();
      // Attached while a() runs, so it runs on a()'s pool thread when a() completes.
      CompletableFuture<String> both = a.thenApply(x -> x + " then " + thimble.submit(h -> "b").join());

      holder.release.countDown();

      assertEquals("held then b", value(both));
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void codeRunOnThePoolThreadAsACallCompletesCanCallThroughTheLaneWhileTheNextCallWaits() throws Exception {
    ThimblePool pool = startedPool("completing", 2, 10);
    try {
      Holder holder = new Holder();
      AtomicReference<Thimble<Holder>> self = new AtomicReference<>();
      AtomicReference<Object> seenByListener = new AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
      // Runs on the pool thread as the first call completes, after its place went to the waiting call, which that
      // thread would run next: as a dependent stage added at that moment would.
      ThimbleListener callsThroughTheLane = new ThimbleListener() {
        @Override
        public void succeeded(String call, long runNanos) {
          if (once.compareAndSet(false, true)) {
            seenByListener.set(self.get().submit(h -> "from the listener").join());
          }
        }
      };
      Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true)
          .pool(pool).maxConcurrency(1).listener(callsThroughTheLane)
          .build();
      self.set(thimble);
      CompletableFuture<String> first = thimble.submit(Holder::hold);
      holder.awaitStarted();
      CompletableFuture<String> next = thimble.submit(h -> "next"); // waits in the lane

      holder.release.countDown();

      assertEquals("held", value(first));
      assertEquals("next", value(next));
      assertEquals("from the listener", seenByListener.get());
    } finally {
      pool.stopNow();
    }
  }

  // ---- 8. stopNow fails the waiting calls at once ----

  @Test
  void stopNowRefusesTheCallsWaitingBehindACallThatIgnoresInterruptsAtOnce() throws Exception {
    ThimblePool pool = startedPool("stopping", 1, 10);
    Holder holder = new Holder();
    Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true).pool(pool).maxConcurrency(1).build();
    CompletableFuture<String> stuck = thimble.submit(Holder::holdIgnoringInterrupts);
    holder.awaitStarted();
    List<CompletableFuture<Integer>> waiting = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      waiting.add(thimble.submit(h -> n));
    }

    pool.stopNow();

    for (CompletableFuture<Integer> call : waiting) {
      assertTrue(call.isDone(), "a waiting call still waits for the stuck one after stopNow()");
      assertEquals("pool stopping is stopped; calls made after stop() are rejected", failure(call).getMessage());
    }
    assertFalse(stuck.isDone(), "the stuck call ignores its interrupt");
    holder.release.countDown();
    assertEquals("held", value(stuck));
    assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
    assertEquals(100, thimble.stats().rejected());
  }

  // ---- 9. a pool that runs a task twice at once ----

  @Test
  void cancelInterruptsTheRunningCallEvenIfThePoolRunsItAgainAtOnce() throws Exception {
    Holder holder = new Holder();
    List<Thread> threads = new ArrayList<>();
    Executor twice = task -> {
      Thread first = new Thread(task, "first-run");
      threads.add(first);
      first.start();
      try {
        holder.awaitStarted();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      task.run(); // a broken pool runs it again, here, while the first run is still in the body
    };
    Thimble<Holder> thimble = Thimble.builder(holder).recordStats(true).pool(ThimblePool.of(twice)).build();
    CompletableFuture<String> call = thimble.submit(Holder::hold);

    assertTrue(call.cancel(true));

    assertTrue(holder.interrupted.await(WAIT_SECONDS, SECONDS), "the running call was not interrupted");
    threads.get(0).join(SECONDS.toMillis(WAIT_SECONDS));
  }
}
