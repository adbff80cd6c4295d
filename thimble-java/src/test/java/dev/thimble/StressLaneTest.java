package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The completion guarantee under stress where issue 11's attack broke it: lanes over executors that run tasks on
 * the calling thread, bursts against idle threads and a small queue, graceful stops whose lane places are freed by
 * cancels and timeouts, cancellation storms behind a stuck call, and dependent stages that call through the lane.
 * Each test takes a few seconds; rerun one with {@code -Dstress.seed=<the printed seed>}, and make it longer with
 * {@code -Dstress.scale=<n>} (the rounds are multiplied by n).
 */
class StressLaneTest {
  private static final long SETTLE_SECONDS = 30;
  private static final int SCALE = Integer.getInteger("stress.scale", 1);

  /** The target: counts how often each call's body ran. */
  public static final class Counted {
    final AtomicIntegerArray runs;

    Counted(int calls) {
      runs = new AtomicIntegerArray(calls);
    }

    int run(int id) {
      runs.incrementAndGet(id);
      return id;
    }

    int runSlowly(int id) throws InterruptedException {
      runs.incrementAndGet(id);
      Thread.sleep(1); // the blocking operation: long enough for cancels and timeouts to find it running or queued
      return id;
    }
  }

  private static long seed(String test) {
    long seed = Long.getLong("stress.seed", System.nanoTime());
    System.out.println(test + " seed=" + seed + " (rerun with -Dstress.seed=" + seed + ")");
    return seed;
  }

  /** Waits for every future, failing (never hanging) on the first that does not complete. */
  private static void assertAllComplete(List<CompletableFuture<Integer>> futures, String where) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(where + ": call " + i + " never completed: " + futures.get(i));
      } catch (ExecutionException | CancellationException outcome) {
        // an outcome like any other
      }
    }
  }

  private static void assertNoneRanTwice(Counted target, List<CompletableFuture<Integer>> futures, String where) {
    for (int id = 0; id < futures.size(); id++) {
      int runs = target.runs.get(id);
      assertTrue(runs <= 1, where + ": call " + id + " ran " + runs + " times");
      if (!futures.get(id).isCompletedExceptionally()) {
        assertEquals(1, runs, where + ": call " + id + " succeeded without running once");
      }
    }
  }

  private static Throwable causeOf(CompletableFuture<?> future) {
    try {
      future.join();
      return null;
    } catch (CancellationException e) {
      return e;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  // ---- lanes over executors that run tasks on the calling thread ----

  @Test
  void lanesOverCallerRunsExecutorsCompleteEveryCallWithRandomCancels() throws Exception {
    long seed = seed("lanesOverCallerRunsExecutors");
    for (int round = 0; round < 4 * SCALE; round++) {
      String where = "round " + round + " (seed " + (seed + round) + ")";
      Random random = new Random(seed + round);
      // Two threads, a queue of four, then the caller runs it: a saturated executor runs lane calls inline.
      ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4),
          new ThreadPoolExecutor.CallerRunsPolicy());
      List<Throwable> crashes = Collections.synchronizedList(new ArrayList<>());
      try {
        int callers = 4;
        int perCaller = 1_000;
        Counted target = new Counted(callers * perCaller);
        Thimble<Counted> thimble = Thimble.builder(target).recordStats(true).pool(ThimblePool.of(executor))
            .maxConcurrency(1 + round % 3).build();
        List<CompletableFuture<Integer>> futures =
            Collections.synchronizedList(new ArrayList<>(Collections.nCopies(callers * perCaller, null)));
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
          int caller = c;
          long callerSeed = random.nextLong();
          Thread t = new Thread(null, () -> {
            Random r = new Random(callerSeed);
            for (int i = 0; i < perCaller; i++) {
              int id = caller * perCaller + i;
              CompletableFuture<Integer> f = r.nextInt(4) == 0
                  ? thimble.submit(w -> w.runSlowly(id)) : thimble.submit(w -> w.run(id));
              futures.set(id, f);
              if (r.nextInt(10) == 0) {
                f.cancel(r.nextBoolean());
              }
            }
          }, "caller-" + c, 256 * 1024); // a small stack: a recursive hand-on would overflow it
          t.setUncaughtExceptionHandler((thread, e) -> crashes.add(e));
          threads.add(t);
          t.start();
        }
        for (Thread t : threads) {
          t.join(TimeUnit.SECONDS.toMillis(SETTLE_SECONDS));
          assertFalse(t.isAlive(), where + ": " + t.getName() + " is stuck");
        }
        assertEquals(List.of(), crashes, where + ": a caller crashed");
        assertAllComplete(futures, where);
        assertNoneRanTwice(target, futures, where);
        assertEquals(-1, thimble.<Integer>submit(w -> -1).get(SETTLE_SECONDS, TimeUnit.SECONDS),
            where + ": the lane lost a place");
        ThimbleStats stats = thimble.stats();
        assertEquals(stats.submitted(), stats.finished(), where + ": " + stats);
      } finally {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(SETTLE_SECONDS, TimeUnit.SECONDS));
      }
    }
  }

  // ---- bursts against idle threads and a small queue ----

  @Test
  void burstsToAPoolOfIdleThreadsAreNeverRefusedUntilTheThreadsAreBusyAndTheQueueFull() throws Exception {
    ThimblePool pool = ThimblePool.builder("idle-burst").threads(8, 8).queueCapacity(2).build();
    pool.start();
    try {
      Thimble<Counted> thimble = Thimble.builder(new Counted(10)).recordStats(true).pool(pool).build();
      for (int burst = 0; burst < 200 * SCALE; burst++) {
        awaitIdle((WorkerPool) pool, 8);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // 8 threads and 2 queue places, all free
          int id = i;
          calls.add(thimble.submit(w -> id));
        }
        for (int i = 0; i < 10; i++) {
          Throwable cause = calls.get(i).isDone() ? causeOf(calls.get(i)) : null;
          assertFalse(cause instanceof RejectedExecutionException, "burst " + burst + ": " + cause);
        }
        assertAllComplete(calls, "burst " + burst);
      }
    } finally {
      pool.stopNow();
      assertTrue(pool.awaitStopped(SETTLE_SECONDS, TimeUnit.SECONDS));
    }
  }

  /** Waits until {@code threads} threads of the pool wait for work: the state a burst starts from. */
  private static void awaitIdle(WorkerPool pool, int threads) throws Exception {
    Field lockField = WorkerPool.class.getDeclaredField("lock");
    Field idleField = WorkerPool.class.getDeclaredField("idleThreads");
    lockField.setAccessible(true);
    idleField.setAccessible(true);
    ReentrantLock lock = (ReentrantLock) lockField.get(pool);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
    while (true) {
      lock.lock();
      try {
        if (idleField.getInt(pool) == threads) {
          return;
        }
      } finally {
        lock.unlock();
      }
      assertTrue(System.nanoTime() < deadline, "the pool's threads never all went idle: " + pool);
      Thread.yield();
    }
  }

  // ---- graceful stops whose lane places are freed by cancels and timeouts ----

  @Test
  void aGracefulStopRunsEveryLaneCallItAcceptedHoweverThePlacesAreFreed() throws Exception {
    long seed = seed("aGracefulStopRunsEveryLaneCall");
    for (int round = 0; round < 20 * SCALE; round++) {
      String where = "round " + round + " (seed " + (seed + round) + ")";
      Random random = new Random(seed + round);
      ThimblePool pool = ThimblePool.builder("stop-r" + round).threads(1, 2).queueCapacity(1_000).build();
      int calls = 200;
      Counted target = new Counted(calls);
      Thimble<Counted> laned = Thimble.builder(target).recordStats(true)
          .pool(pool).maxConcurrency(1 + random.nextInt(2))
          .timeout(2 + random.nextInt(5), TimeUnit.MILLISECONDS).build();
      List<CompletableFuture<Integer>> futures = new ArrayList<>();
      int stopAt = calls / 2 + random.nextInt(calls / 2);
      int acceptedBeforeStop = 0;
      for (int id = 0; id < calls; id++) {
        if (id == stopAt) {
          pool.stop();
          acceptedBeforeStop = id;
        }
        int callId = id;
        CompletableFuture<Integer> f = random.nextBoolean()
            ? laned.submit(w -> w.runSlowly(callId)) : laned.submit(w -> w.run(callId));
        futures.add(f);
        if (random.nextInt(5) == 0) {
          // Cancel an earlier call: perhaps the one holding a place, perhaps one waiting, perhaps after the stop.
          futures.get(random.nextInt(futures.size())).cancel(random.nextBoolean());
        }
      }
      assertAllComplete(futures, where);
      assertNoneRanTwice(target, futures, where);
      for (int id = 0; id < calls; id++) {
        Throwable cause = causeOf(futures.get(id));
        if (id < acceptedBeforeStop) {
          assertFalse(cause instanceof RejectedExecutionException,
              where + ": call " + id + ", accepted before stop(), was refused: " + cause);
        } else {
          // Refused; or cancelled, or timed out, before it could be (a slow submit lets a 2 ms timeout pass).
          assertTrue(cause instanceof RejectedExecutionException || cause instanceof CancellationException
                  || cause instanceof TimeoutException,
              where + ": call " + id + ", made after stop(): " + cause);
        }
      }
      assertTrue(pool.awaitStopped(SETTLE_SECONDS, TimeUnit.SECONDS), where + ": the pool did not stop: " + pool);
    }
  }

  // ---- cancellation storms behind a stuck lane call ----

  @Test
  void aCancellationStormBehindAStuckCallKeepsNeitherTheCallsNorTheirArguments() throws Exception {
    ThimblePool pool = ThimblePool.builder("storm").threads(1, 2).build();
    CountDownLatch letGo = new CountDownLatch(1);
    CountDownLatch stuckStarted = new CountDownLatch(1);
    try {
      Thimble<Counted> thimble = Thimble.builder(new Counted(1)).recordStats(true).pool(pool).maxConcurrency(1).build();
      CompletableFuture<Integer> stuck = thimble.submit(w -> {
        stuckStarted.countDown();
        assertTrue(letGo.await(SETTLE_SECONDS, TimeUnit.SECONDS));
        return 0;
      });
      assertTrue(stuckStarted.await(SETTLE_SECONDS, TimeUnit.SECONDS));
      List<WeakReference<Object>> arguments = new ArrayList<>();
      List<WeakReference<CompletableFuture<Integer>>> calls = new ArrayList<>();
      int storm = 20_000 * SCALE;
      for (int i = 0; i < storm; i++) {
        byte[] argument = new byte[256];
        CompletableFuture<Integer> call = thimble.submit(w -> argument.length);
        call.cancel(true);
        if (i % 200 == 0) { // a sample is enough: every call is the same
          arguments.add(new WeakReference<>(argument));
          calls.add(new WeakReference<>(call));
        }
      }
      assertTrue(CompletionGuaranteeTest.awaitCleared(arguments), "a cancelled waiting call kept its arguments");
      assertTrue(CompletionGuaranteeTest.awaitCleared(calls), "the lane kept cancelled calls");
      assertTrue(thimble.engine.lane.waiting() < 1_000, "the lane keeps " + thimble.engine.lane.waiting());
      ThimbleStats stats = thimble.stats();
      assertEquals(storm, stats.cancelled(), stats.toString());
      letGo.countDown();
      assertEquals(0, stuck.get(SETTLE_SECONDS, TimeUnit.SECONDS));
    } finally {
      letGo.countDown();
      pool.stopNow();
      assertTrue(pool.awaitStopped(SETTLE_SECONDS, TimeUnit.SECONDS));
    }
  }

  // ---- dependent stages on the pool thread with maxConcurrency(1) ----

  @Test
  void dependentStagesOnThePoolThreadCanCallThroughALaneOfOne() throws Exception {
    // Enough threads for every caller's blocked stage and the call it waits for: only the lane could stall them.
    ThimblePool pool = ThimblePool.builder("dependent").threads(1, 16).build();
    try {
      Thimble<Counted> thimble = Thimble.builder(new Counted(1)).recordStats(true).pool(pool).maxConcurrency(1).build();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      List<Thread> callers = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        Thread t = new Thread(() -> {
          try {
            for (int i = 0; i < 500 * SCALE; i++) {
              int id = i;
              // Attached at once: the stage runs on the pool thread as a() completes, or here if it has already;
              // the other callers' calls keep the lane busy, so a() often has a next call waiting behind it.
              CompletableFuture<Integer> chain =
                  thimble.submit(w -> id).thenApply(a -> a + thimble.<Integer>submit(w -> 1).join());
              assertEquals(id + 1, chain.get(SETTLE_SECONDS, TimeUnit.SECONDS));
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "chains-" + c);
        callers.add(t);
        t.start();
      }
      for (Thread t : callers) {
        t.join(TimeUnit.SECONDS.toMillis(2 * SETTLE_SECONDS));
        assertFalse(t.isAlive(), t.getName() + " is stuck");
      }
      assertEquals(List.of(), failures);
    } finally {
      pool.stopNow();
      assertTrue(pool.awaitStopped(SETTLE_SECONDS, TimeUnit.SECONDS));
    }
  }
}
