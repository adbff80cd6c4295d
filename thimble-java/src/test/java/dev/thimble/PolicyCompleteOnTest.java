package dev.thimble;

import static dev.thimble.PolicyFixtures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Worker;
import dev.thimble.testing.ManualPool;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@code completeOn(executor)}: every outcome reaches the caller through the given executor. */
class PolicyCompleteOnTest {
  /** An Android-main-thread style event loop: tasks wait until the loop runs them, marked as on the loop. */
  static final class MainLoop implements Executor {
    private static final ThreadLocal<Boolean> ON_LOOP = ThreadLocal.withInitial(() -> false);
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    static boolean isOnLoop() {
      return ON_LOOP.get();
    }

    int pending() {
      return tasks.size();
    }

    /** Runs what has been posted; waits (boundedly) for the first task if none has come yet. */
    void runPosted() throws InterruptedException {
      Runnable first = tasks.poll(PolicyFixtures.WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(first, "nothing was posted to the loop");
      ON_LOOP.set(true);
      try {
        for (Runnable task = first; task != null; task = tasks.poll()) {
          task.run();
        }
      } finally {
        ON_LOOP.set(false);
      }
    }
  }

  private final ManualPool pool = new ManualPool();
  private final MainLoop mainLoop = new MainLoop();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @Test
  void aValueCompletesOnTheGivenExecutorAndDependantsRunThere() throws Exception {
    Executor mainThread = mainLoop; // on Android: new Handler(Looper.getMainLooper())::post
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(mainThread).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    CompletableFuture<String> text = worker.echo("hello");
    text.thenAccept(s -> seen.add(s + " on the loop: " + MainLoop.isOnLoop()));

    pool.runNext();
    assertFalse(text.isDone(), "the value is on its way to the loop");
    assertEquals(1, mainLoop.pending());
    mainLoop.runPosted();
    assertEquals("hello", text.join());
    assertEquals(List.of("hello on the loop: true"), seen);
  }

  @Test
  void anErrorCompletesOnTheGivenExecutor() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(mainLoop).build();
    IOException error = new IOException("disk full");
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).fail(error);
    CompletableFuture<String> handled =
        call.exceptionally(e -> e.getMessage() + " on the loop: " + MainLoop.isOnLoop());

    pool.runNext();
    assertFalse(call.isDone());
    mainLoop.runPosted();
    assertSame(error, failure(call));
    assertEquals("disk full on the loop: true", handled.join());
    assertEquals(1, thimble.stats().failed());
  }

  @Test
  void aTimeoutCompletesOnTheGivenExecutor() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(mainLoop)
        .timeout(1, TimeUnit.MILLISECONDS).build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("never runs");
    CompletableFuture<Boolean> onLoop = call.handle((v, e) -> MainLoop.isOnLoop());

    mainLoop.runPosted(); // the timer posts the timeout to the loop
    assertInstanceOf(TimeoutException.class, failure(call));
    assertTrue(onLoop.join());
    assertEquals(0, pool.runAll());
  }

  @Test
  void aSubmittedCallCompletesOnTheGivenExecutor() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(mainLoop).build();
    CompletableFuture<Boolean> onLoop = thimble.submit(w -> 42).thenApply(v -> MainLoop.isOnLoop());

    pool.runNext();
    assertFalse(onLoop.isDone());
    mainLoop.runPosted();
    assertTrue(onLoop.join());
  }

  @Test
  void aCallRefusedAtOnceIsReturnedAlreadyFailed() {
    pool.start();
    pool.stop();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(mainLoop).build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("refused");

    assertTrue(call.isCompletedExceptionally());
    assertEquals(0, mainLoop.pending());
  }

  @Test
  void aCallRefusedAfterWaitingInALaneFailsOnTheGivenExecutor() throws Exception {
    Thimble<Worker> thimble =
        Thimble.builder(new Worker()).recordStats(true).pool(pool).maxConcurrency(1).completeOn(mainLoop).build();
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);
    CompletableFuture<String> first = worker.echo("first");
    CompletableFuture<String> waiting = worker.echo("waits in the lane");
    waiting.whenComplete((v, e) -> seen.add("refused on the loop: " + MainLoop.isOnLoop()));

    pool.stop(); // a ManualPool takes no handoff once stopped: the waiting call is refused when first is done
    pool.runNext();
    assertFalse(waiting.isDone(), "the refusal is on its way to the loop");
    mainLoop.runPosted();

    assertEquals("first", first.join());
    assertInstanceOf(RejectedExecutionException.class, failure(waiting));
    assertEquals(List.of("refused on the loop: true"), seen);
    assertEquals(1, thimble.stats().rejected());
  }

  @Test
  void aCompletionTheExecutorRefusesCompletesOnTheThreadAtHand() throws Exception {
    Executor quit = task -> {
      throw new RejectedExecutionException("the looper has quit");
    };
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(quit).build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("still arrives");

    pool.runNext();
    assertEquals("still arrives", call.join());
  }

  @Test
  void stopNowCancelsQueuedCallsWithoutWaitingForTheExecutor() {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).completeOn(mainLoop).build();
    CompletableFuture<String> call = thimble.proxy(AsyncWorker.class).echo("dropped");

    pool.stopNow();
    assertTrue(call.isCancelled());
    assertEquals(1, thimble.stats().cancelled());
  }
}
