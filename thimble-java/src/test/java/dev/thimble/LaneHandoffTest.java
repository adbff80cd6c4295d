package dev.thimble;

import static dev.thimble.PolicyFixtures.WAIT_SECONDS;
import static dev.thimble.PolicyFixtures.startedPool;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * How a lane hands its place on: to the thread that just freed it when the pool has nothing else queued (no
 * handoff, no wake-up), and through the pool's queue, behind the work already there, when it has.
 */
class LaneHandoffTest {

  /** A target that records, in order, which call ran on which thread. */
  public static final class Recorder {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);

    String first() throws InterruptedException {
      log.add("first on " + Thread.currentThread().getName());
      firstStarted.countDown();
      assertTrue(releaseFirst.await(WAIT_SECONDS, SECONDS));
      return "first";
    }

    String record(String what) {
      log.add(what + " on " + Thread.currentThread().getName());
      return what;
    }
  }

  @Test
  void theLanesNextCallRunsOnTheThreadThatFreedThePlaceWhenThePoolHasNothingQueued() throws Exception {
    ThimblePool pool = startedPool("lane-inline", 2, 100);
    try {
      Recorder recorder = new Recorder();
      Thimble<Recorder> thimble = Thimble.builder(recorder).recordStats(true).pool(pool).maxConcurrency(1).build();

      CompletableFuture<String> first = thimble.submit(Recorder::first);
      assertTrue(recorder.firstStarted.await(WAIT_SECONDS, SECONDS));
      CompletableFuture<String> second = thimble.submit(r -> r.record("second"));
      CompletableFuture<String> third = thimble.submit(r -> r.record("third"));
      assertFalse(second.isDone(), "the lane of one holds the second call while the first runs");
      String thread = recorder.log.get(0).substring("first on ".length());

      recorder.releaseFirst.countDown();

      assertEquals("third", third.get(WAIT_SECONDS, SECONDS));
      assertEquals("first", first.get(WAIT_SECONDS, SECONDS));
      assertEquals("second", second.get(WAIT_SECONDS, SECONDS));
      assertEquals(List.of("first on " + thread, "second on " + thread, "third on " + thread), recorder.log);
      ThimbleStats stats = thimble.stats();
      assertEquals(3, stats.succeeded());
      assertEquals(0, stats.running() + stats.queued());
    } finally {
      pool.stopNow();
      assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
    }
  }

  @Test
  void theLanesNextCallQueuesBehindOtherWorkThePoolHasQueued() throws Exception {
    ThimblePool pool = startedPool("lane-fair", 1, 100);
    try {
      Recorder recorder = new Recorder();
      Thimble<Recorder> lane = Thimble.builder(recorder).recordStats(true).pool(pool).maxConcurrency(1).build();
      Thimble<Recorder> other = Thimble.builder(recorder).recordStats(true)
          .pool(pool).build(); // another user of the same pool, without a lane

      CompletableFuture<String> first = lane.submit(Recorder::first);
      assertTrue(recorder.firstStarted.await(WAIT_SECONDS, SECONDS));
      CompletableFuture<String> laneNext = lane.submit(r -> r.record("lane's next"));     // waits in the lane
      CompletableFuture<String> otherCall = other.submit(r -> r.record("other thimble")); // queued in the pool

      recorder.releaseFirst.countDown();

      assertEquals("lane's next", laneNext.get(WAIT_SECONDS, SECONDS));
      assertEquals("other thimble", otherCall.get(WAIT_SECONDS, SECONDS));
      assertEquals("first", first.get(WAIT_SECONDS, SECONDS));
      assertEquals(List.of("first on lane-fair-1", "other thimble on lane-fair-1", "lane's next on lane-fair-1"),
          recorder.log, "the pool's queued work went first: the lane did not keep the thread to itself");
    } finally {
      pool.stopNow();
      assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
    }
  }

  @Test
  void anInterruptForACancelledCallDoesNotReachTheLanesNextCallRunOnTheSameThread() throws Exception {
    ThimblePool pool = startedPool("lane-interrupt", 1, 100);
    try {
      Recorder recorder = new Recorder();
      Thimble<Recorder> thimble = Thimble.builder(recorder).recordStats(true).pool(pool).maxConcurrency(1).build();

      CompletableFuture<String> first = thimble.submit(Recorder::first);
      assertTrue(recorder.firstStarted.await(WAIT_SECONDS, SECONDS));
      CompletableFuture<Boolean> next = thimble.submit(r -> Thread.currentThread().isInterrupted());

      first.cancel(true); // interrupts first(): its await throws, and the thread is free for the next call

      assertFalse(next.get(WAIT_SECONDS, SECONDS), "the next call saw the cancelled call's interrupt");
    } finally {
      pool.stopNow();
      assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
    }
  }

  @Test
  void overABorrowedThreadPoolExecutorTheNextCallRunsOnTheFreeingThreadToo() throws Exception {
    ThreadPoolExecutor executor = borrowed(2);
    try (Thimble<Recorder> thimble = Thimble.builder(new Recorder()).pool(ThimblePool.of(executor)).maxConcurrency(1)
        .build()) {
      Recorder recorder = thimble.target();
      CompletableFuture<String> first = thimble.submit(Recorder::first);
      assertTrue(recorder.firstStarted.await(WAIT_SECONDS, SECONDS));
      CompletableFuture<String> second = thimble.submit(r -> r.record("second"));
      CompletableFuture<String> third = thimble.submit(r -> r.record("third"));
      String thread = recorder.log.get(0).substring("first on ".length());

      recorder.releaseFirst.countDown();

      assertEquals("third", third.get(WAIT_SECONDS, SECONDS));
      assertEquals("first", first.get(WAIT_SECONDS, SECONDS));
      assertEquals("second", second.get(WAIT_SECONDS, SECONDS));
      assertEquals(List.of("first on " + thread, "second on " + thread, "third on " + thread), recorder.log);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void overABorrowedThreadPoolExecutorTheNextCallQueuesBehindTheExecutorsOwnTasks() throws Exception {
    ThreadPoolExecutor executor = borrowed(1);
    try (Thimble<Recorder> lane = Thimble.builder(new Recorder()).pool(ThimblePool.of(executor)).maxConcurrency(1)
        .build()) {
      Recorder recorder = lane.target();
      CompletableFuture<String> first = lane.submit(Recorder::first);
      assertTrue(recorder.firstStarted.await(WAIT_SECONDS, SECONDS));
      CompletableFuture<String> second = lane.submit(r -> r.record("second"));
      executor.execute(() -> recorder.record("the executor's own task")); // queued in the executor meanwhile

      recorder.releaseFirst.countDown();

      assertEquals("second", second.get(WAIT_SECONDS, SECONDS));
      assertEquals("first", first.get(WAIT_SECONDS, SECONDS));
      String thread = recorder.log.get(0).substring("first on ".length());
      assertEquals(List.of("first on " + thread, "the executor's own task on " + thread, "second on " + thread),
          recorder.log, "the lane's next call went through the executor's queue, behind its task");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aLaneOverADirectExecutorDrainsALongQueueWithoutGrowingTheStack() throws Exception {
    // Runnable::run runs each hand-on inside the call that freed the place; batches and hand-ons alternate.
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try (Thimble<Recorder> thimble = Thimble.builder(new Recorder()).recordStats(true)
        .pool(ThimblePool.of(Runnable::run)).maxConcurrency(1).build()) {
      CompletableFuture<CompletableFuture<String>> first = CompletableFuture.supplyAsync(
          () -> thimble.submit(r -> {
            started.countDown();
            gate.await();
            return "first";
          }), holder);
      assertTrue(started.await(WAIT_SECONDS, SECONDS)); // the holder's thread runs it, and holds the lane's place
      int waiting = 3 * LaneExecutor.INLINE_BATCH + 7;
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < waiting; i++) {
        int n = i;
        calls.add(thimble.submit(r -> String.valueOf(n)));
      }
      gate.countDown();
      assertEquals("first", first.get(WAIT_SECONDS, SECONDS).get(WAIT_SECONDS, SECONDS));
      for (int i = 0; i < waiting; i++) {
        assertEquals(String.valueOf(i), calls.get(i).get(WAIT_SECONDS, SECONDS));
      }
      assertEquals(waiting + 1, thimble.stats().succeeded());
    } finally {
      holder.shutdownNow();
    }
  }

  /** A ThreadPoolExecutor of {@code threads} threads, for a thimble to borrow. */
  private static ThreadPoolExecutor borrowed(int threads) {
    return new ThreadPoolExecutor(threads, threads, 0, SECONDS, new LinkedBlockingQueue<>());
  }
}
