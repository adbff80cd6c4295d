package dev.thimble;

import static dev.thimble.PolicyFixtures.assumeRanBeforeDeadline;
import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Gate;
import dev.thimble.PolicyFixtures.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ThimblePool.virtual(name)}: a new named virtual thread per call on JDK 21+, a clear refusal before. */
class VirtualThreadPoolTest {
  private static final boolean HAS_VIRTUAL_THREADS = Runtime.version().feature() >= 21;

  private final List<ThimblePool> pools = new ArrayList<>();

  private ThimblePool virtualPool(String name) {
    ThimblePool pool = ThimblePool.virtual(name);
    pools.add(pool);
    return pool;
  }

  @AfterEach
  void stopPools() throws InterruptedException {
    PolicyFixtures.stopNowAndAwait(pools);
  }

  private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
  }

  @Test
  void beforeJdk21VirtualSaysThatJdk21IsNeeded() {
    assumeTrue(!HAS_VIRTUAL_THREADS, "this JDK has virtual threads");
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> ThimblePool.virtual("x"));
    assertEquals("ThimblePool.virtual(\"x\") needs JDK 21 or newer (virtual threads); this JVM is Java "
        + System.getProperty("java.version") + ". Use ThimblePool.builder(\"x\") for a pool of platform threads.",
        e.getMessage());
  }

  @Test
  void eachCallRunsOnANewVirtualThreadNamedAfterThePool() throws Exception {
    assumeTrue(HAS_VIRTUAL_THREADS, "virtual threads need JDK 21+");
    ThimblePool pool = ThimblePool.virtual("io"); // JDK 21+; no queue, no thread limit: use maxConcurrency
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(100).build();
    CompletableFuture<Thread> first = thimble.submit(w -> Thread.currentThread());
    pools.add(pool);
    CompletableFuture<Thread> second = thimble.submit(w -> Thread.currentThread());
    CompletableFuture<Thread> third = thimble.submit(w -> Thread.currentThread());

    assertEquals("io-1", value(first).getName());
    assertEquals("io-2", value(second).getName());
    assertEquals("io-3", value(third).getName());
    assertTrue(isVirtual(value(first)));
    assertNotSame(value(first), value(second));
  }

  @Test
  void maxConcurrencyOneSerializesCallsOnVirtualThreads() throws Exception {
    assumeTrue(HAS_VIRTUAL_THREADS, "virtual threads need JDK 21+");
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(virtualPool("serial")).maxConcurrency(1).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    Gate first = new Gate();
    CompletableFuture<String> a = worker.block(first);
    first.awaitStarted();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<CompletableFuture<Integer>> rest = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rest.add(thimble.submit(w -> {
        if (inside.incrementAndGet() != 1) {
          overlaps.incrementAndGet();
        }
        return inside.decrementAndGet();
      }));
    }

    assertEquals(200, thimble.engine.lane.waiting());
    first.open();
    assertEquals("released", value(a));
    for (CompletableFuture<Integer> call : rest) {
      assertEquals(0, value(call));
    }
    assertEquals(0, overlaps.get());
  }

  @Test
  void cancelInterruptsACallOnAVirtualThread() throws Exception {
    assumeTrue(HAS_VIRTUAL_THREADS, "virtual threads need JDK 21+");
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true)
        .pool(virtualPool("cancel")).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.take(gate, new LinkedBlockingQueue<>());
    gate.awaitStarted();

    assertTrue(call.cancel(true));
    gate.awaitInterrupted();
    assertFalse(value(worker.interruptedFlag()));
  }

  @Test
  void aTimeoutInterruptsACallOnAVirtualThread() throws Exception {
    assumeTrue(HAS_VIRTUAL_THREADS, "virtual threads need JDK 21+");
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(virtualPool("timeout"))
        .timeout(250, TimeUnit.MILLISECONDS).build();
    Gate gate = new Gate();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).take(gate, new LinkedBlockingQueue<>());

    assumeRanBeforeDeadline(assertInstanceOf(TimeoutException.class, failure(call)));
    gate.awaitInterrupted();
    assertEquals(1, thimble.stats().timedOut());
  }

  @Test
  void aGracefulStopLetsTheCallsWaitingInALaneRun() throws Exception {
    assumeTrue(HAS_VIRTUAL_THREADS, "virtual threads need JDK 21+");
    PolicyFixtures.assertGracefulStopRunsTheLane(virtualPool("graceful"));
  }

  @Test
  void stopNowInterruptsRunningCallsAndLaterCallsAreRefused() throws Exception {
    assumeTrue(HAS_VIRTUAL_THREADS, "virtual threads need JDK 21+");
    ThimblePool pool = virtualPool("stopping");
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    Gate gate = new Gate();
    CompletableFuture<String> call = worker.take(gate, new LinkedBlockingQueue<>());
    gate.awaitStarted();

    pool.stopNow();
    assertInstanceOf(InterruptedException.class, failure(call));
    assertTrue(pool.awaitStopped(PolicyFixtures.WAIT_SECONDS, TimeUnit.SECONDS));
    RejectedExecutionException e = assertInstanceOf(RejectedExecutionException.class,
        failure(worker.echo("late")));
    assertEquals("pool stopping is stopped; calls made after stop() are rejected", e.getMessage());
  }
}
