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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A full pool fails a call's future at once (never the face call itself); {@code submitWhenRoom} waits instead. */
class PolicyAdmissionTest {
  private final List<ThimblePool> pools = new ArrayList<>();

  /** One thread, started on demand, and one queue slot. */
  private ThimblePool tinyPool(String name, int queueCapacity) {
    ThimblePool pool = ThimblePool.builder(name).threads(0, 1).queueCapacity(queueCapacity).build();
    pools.add(pool);
    return pool;
  }

  @AfterEach
  void stopPools() throws InterruptedException {
    PolicyFixtures.stopNowAndAwait(pools);
  }

  /** A thimble over a pool whose one thread runs a blocked call and whose one queue slot holds another. */
  private final class FullPool {
    final Thimble<Worker> thimble;
    final AsyncWorker worker;
    private final Gate running = new Gate();
    private final CompletableFuture<String> first;
    private final CompletableFuture<String> second;

    FullPool(String name) throws InterruptedException {
      thimble = Thimble.builder(new Worker()).recordStats(true).pool(tinyPool(name, 1)).build();
      worker = thimble.proxy(AsyncWorker.class);
      first = worker.block(running);
      running.awaitStarted();
      second = worker.echo("queued");
    }

    /** Lets the blocked call end; both calls complete. */
    void drain() throws Exception {
      running.open();
      assertEquals("released", value(first));
      assertEquals("queued", value(second));
    }
  }

  @Test
  void aFullPoolReturnsAnAlreadyFailedFutureNamingPoolThreadsAndQueue() throws Exception {
    FullPool full = new FullPool("db");
    Thimble<Worker> thimble = full.thimble;
    AsyncWorker worker = full.worker;

    CompletableFuture<String> refused = worker.echo("one too many"); // never throws
    assertTrue(refused.isCompletedExceptionally());
    RejectedExecutionException e = (RejectedExecutionException) failure(refused);
    assertEquals("pool db is full: 1 of 1 threads busy and 1 calls queued (queueCapacity 1); raise "
        + "threads(min, max) or queueCapacity(n), or bound callers with maxConcurrency(n)", e.getMessage());

    CompletableFuture<String> submitted = thimble.submit(w -> "also refused");
    assertTrue(submitted.isCompletedExceptionally());
    assertInstanceOf(RejectedExecutionException.class, failure(submitted));
    full.drain();
    assertEquals(2, thimble.stats().rejected());
    assertEquals(2, thimble.stats().succeeded());
  }

  @Test
  void aStoppedPoolFailsTheFutureAndTheFaceDoesNotThrow() throws Exception {
    ThimblePool pool = tinyPool("stopped", 1);
    pool.start();
    pool.stop();
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);

    CompletableFuture<String> call = worker.echo("late");
    assertTrue(call.isCompletedExceptionally());
    assertEquals("pool stopped is stopped; calls made after stop() are rejected", failure(call).getMessage());
  }

  @Test
  void aClosedThimbleFailsTheFutureAndTheFaceDoesNotThrow() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(tinyPool("closed", 1)).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    thimble.close();

    CompletableFuture<String> call = worker.echo("late");
    assertTrue(call.isCompletedExceptionally());
    assertEquals("thimble over Worker is closed; calls made after close() are rejected",
        failure(call).getMessage());
  }

  @Test
  void submitWhenRoomWaitsForRoomAndRunsLater() throws Exception {
    FullPool full = new FullPool("busy");
    Thimble<Worker> thimble = full.thimble;

    CompletableFuture<String> waits = thimble.submitWhenRoom(w -> w.echo("waited for room"));
    assertFalse(waits.isDone()); // neither failed nor run: it waits for a place in the queue
    full.drain();
    assertEquals("waited for room", value(waits));
    assertEquals(0, thimble.stats().rejected());
  }

  @Test
  void submitWhenRoomWaitsEvenWithoutAQueue() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(tinyPool("unqueued", 0)).build();
    Gate running = new Gate();
    CompletableFuture<String> first = thimble.proxy(AsyncWorker.class).block(running);
    running.awaitStarted();

    CompletableFuture<String> waits = thimble.submitWhenRoom(w -> "ran on the freed thread");
    assertFalse(waits.isDone());
    running.open();
    assertEquals("released", value(first));
    assertEquals("ran on the freed thread", value(waits));
  }

  @Test
  void cancellingACallThatWaitsForRoomRemovesIt() throws Exception {
    FullPool full = new FullPool("busy");
    AtomicInteger ran = new AtomicInteger();
    CompletableFuture<Integer> waits = full.thimble.submitWhenRoom(w -> ran.incrementAndGet());

    assertTrue(waits.cancel(true));
    full.drain();
    assertEquals("after", value(full.worker.echo("after")));
    assertEquals(0, ran.get());
  }

  @Test
  void theFirstCallAfterStartIsNotRefusedWhileThePoolsThreadsAreStillStarting() throws Exception {
    for (int round = 0; round < 20; round++) {
      ThimblePool fresh = ThimblePool.builder("eager-" + round).threads(2, 2).queueCapacity(0).build();
      pools.add(fresh);
      AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true)
          .pool(fresh).build().proxy(AsyncWorker.class); // the call starts the pool
      assertEquals("first", value(worker.echo("first")), "round " + round);
    }
  }

  @Test
  void aRefusedCallIsCountedAndHeardAsRejected() throws Exception {
    List<String> heard = new ArrayList<>();
    ThimblePool pool = tinyPool("full", 0);
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true)
        .pool(pool).listener(new ThimbleListener() {
      @Override
      public void rejected(String call, RejectedExecutionException error) {
        heard.add(call + ": " + error.getMessage());
      }
    }).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    Gate running = new Gate();
    CompletableFuture<String> first = worker.block(running);
    running.awaitStarted();

    failure(worker.echo("refused"));
    assertEquals(1, heard.size());
    assertTrue(heard.get(0).startsWith("echo: pool full is full: 1 of 1 threads busy"), heard.get(0));
    assertEquals(1, thimble.stats().rejected());
    running.open();
    value(first);
  }
}
