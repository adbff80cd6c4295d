package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
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
      gate.enter();
      try {
        gate.release.await();
        return "released";
      } catch (InterruptedException e) {
        gate.interrupted.countDown();
        throw e;
      } finally {
        gate.finished.countDown();
      }
    }

    /** Blocks on a queue until an element comes, or until interrupted. */
    public String take(Gate gate, BlockingQueue<String> queue) throws InterruptedException {
      gate.enter();
      try {
        return queue.take();
      } catch (InterruptedException e) {
        gate.interrupted.countDown();
        throw e;
      } finally {
        gate.finished.countDown();
      }
    }

    /** Sleeps (the blocking operation under test), or returns early when interrupted. */
    public String sleep(Gate gate, long millis) throws InterruptedException {
      gate.enter();
      try {
        Thread.sleep(millis);
        return "slept";
      } catch (InterruptedException e) {
        gate.interrupted.countDown();
        throw e;
      } finally {
        gate.finished.countDown();
      }
    }

    /** Waits on a monitor nobody notifies, until interrupted. */
    public String waitOn(Gate gate, Object monitor) throws InterruptedException {
      gate.enter();
      try {
        synchronized (monitor) {
          monitor.wait();
        }
        return "notified";
      } catch (InterruptedException e) {
        gate.interrupted.countDown();
        throw e;
      } finally {
        gate.finished.countDown();
      }
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

    void enter() {
      entries++;
      threadName = Thread.currentThread().getName();
      started.countDown();
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

  /** A started pool of platform threads, for tests that need real threads. */
  static ThimblePool startedPool(String name, int threads, int queueCapacity) {
    ThimblePool pool = ThimblePool.builder(name).threads(threads, threads).queueCapacity(queueCapacity).build();
    pool.start();
    return pool;
  }
}
