package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/** The blocking target, its face and the latch gate the policy tests share. */
public final class PolicyFixtures {
  private PolicyFixtures() {}

  /** How long a test waits for something that must happen; a bug fails the test instead of hanging the build. */
  static final long WAIT_SECONDS = 10;

  /** A blocking class: what a thimble wraps. */
  public static class Worker {
    public String echo(String text) {
      return text;
    }

    /** Blocks until the gate is released, or until interrupted. */
    public String block(Gate gate) throws InterruptedException {
      return gate.during(() -> {
        gate.release.await();
        return "released";
      });
    }

    /** Blocks on a queue until an element comes, or until interrupted. */
    public String take(Gate gate, BlockingQueue<String> queue) throws InterruptedException {
      return gate.during(queue::take);
    }

    /** Sleeps (the blocking operation under test), or returns early when interrupted. */
    public String sleep(Gate gate, long millis) throws InterruptedException {
      return gate.during(() -> {
        Thread.sleep(millis);
        return "slept";
      });
    }

    /** Waits on a monitor nobody notifies, until interrupted. */
    public String waitOn(Gate gate, Object monitor) throws InterruptedException {
      return gate.during(() -> {
        synchronized (monitor) {
          monitor.wait();
        }
        return "notified";
      });
    }

    public String fail(Exception error) throws Exception {
      throw error;
    }

    public String error(Error error) {
      throw error;
    }

    public String threadName() {
      return Thread.currentThread().getName();
    }

    public Boolean interruptedFlag() {
      return Thread.currentThread().isInterrupted();
    }
  }

  /** The non-blocking face of {@link Worker}. */
  @ThimbleFace(target = Worker.class)
  public interface AsyncWorker {
    CompletableFuture<String> echo(String text);

    CompletableFuture<String> block(Gate gate);

    CompletableFuture<String> take(Gate gate, BlockingQueue<String> queue);

    CompletableFuture<String> sleep(Gate gate, long millis);

    CompletableFuture<String> waitOn(Gate gate, Object monitor);

    CompletableFuture<String> fail(Exception error);

    CompletableFuture<String> error(Error error);

    CompletableFuture<String> threadName();

    CompletableFuture<Boolean> interruptedFlag();
  }

  /** Latches around one blocking call: the test sees it start, releases it, and sees how it ended. */
  public static final class Gate {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final CountDownLatch finished = new CountDownLatch(1);
    volatile int entries;
    volatile String threadName = "";

    /** Something that blocks until interrupted or done. */
    interface Blocking {
      String call() throws InterruptedException;
    }

    /** Runs {@code blocking} as the gated call: counts its start, its interrupt and its end. */
    String during(Blocking blocking) throws InterruptedException {
      entries++;
      threadName = Thread.currentThread().getName();
      started.countDown();
      try {
        return blocking.call();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      } finally {
        finished.countDown();
      }
    }

    void awaitStarted() throws InterruptedException {
      assertTrue(started.await(WAIT_SECONDS, SECONDS), "the call did not start");
    }

    void awaitInterrupted() throws InterruptedException {
      assertTrue(interrupted.await(WAIT_SECONDS, SECONDS), "the call was not interrupted");
    }

    void awaitFinished() throws InterruptedException {
      assertTrue(finished.await(WAIT_SECONDS, SECONDS), "the call did not finish");
    }

    void open() {
      release.countDown();
    }

    boolean wasInterrupted() {
      return interrupted.getCount() == 0;
    }
  }

  /** Waits for {@code future}'s exception, failing the test if it succeeds or takes too long. */
  static Throwable failure(Future<?> future) throws InterruptedException {
    try {
      Object value = future.get(WAIT_SECONDS, SECONDS);
      return fail("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      return fail("the future did not complete: " + future);
    }
  }

  /** Waits for {@code future}'s value, failing the test if it takes too long. */
  static <V> V value(Future<V> future) throws InterruptedException, ExecutionException {
    try {
      return future.get(WAIT_SECONDS, SECONDS);
    } catch (TimeoutException e) {
      return fail("the future did not complete: " + future);
    }
  }

  /**
   * Skips the rest of a test about a call that times out while it runs when a slow machine let the deadline pass
   * before the call started (it then times out queued, and never runs: correct, but not what the test is about).
   */
  static void assumeRanBeforeDeadline(TimeoutException e) {
    assumeFalse(String.valueOf(e.getMessage()).contains("the call was still queued"),
        "the machine was too slow to start the call before its timeout: " + e.getMessage());
  }

  /** Stops each pool now and waits until its threads have ended. */
  static void stopNowAndAwait(Iterable<ThimblePool> pools) throws InterruptedException {
    for (ThimblePool pool : pools) {
      pool.stopNow();
      assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS), "pool did not stop: " + pool);
    }
  }

  /**
   * Checks that a graceful stop lets a call waiting in a {@code maxConcurrency(1)} lane run, and refuses one made
   * after the stop.
   */
  static void assertGracefulStopRunsTheLane(ThimblePool pool) throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).pool(pool).maxConcurrency(1).build().proxy(AsyncWorker.class);
    Gate first = new Gate();
    CompletableFuture<String> running = worker.block(first);
    first.awaitStarted();
    CompletableFuture<String> waiting = worker.echo("made before stop()");

    pool.stop();
    CompletableFuture<String> late = worker.echo("made after stop()");
    first.open();
    assertEquals("released", value(running));
    assertEquals("made before stop()", value(waiting));
    assertEquals("pool " + pool.name() + " is stopped; calls made after stop() are rejected",
        failure(late).getMessage());
    assertTrue(pool.awaitStopped(WAIT_SECONDS, SECONDS));
  }

  /** A started pool of platform threads, for tests that need real threads. */
  static ThimblePool startedPool(String name, int threads, int queueCapacity) {
    ThimblePool pool = ThimblePool.builder(name).threads(threads, threads).queueCapacity(queueCapacity).build();
    pool.start();
    return pool;
  }
}
