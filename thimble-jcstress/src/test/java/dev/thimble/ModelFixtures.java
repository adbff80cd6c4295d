package dev.thimble;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/** What the Lincheck specs share: small scenarios, the listener that counts outcomes, the timer's action. */
final class ModelFixtures {
  private ModelFixtures() {}

  /**
   * Small scenarios: two or three threads of two operations each, explored exhaustively enough to find an ordering
   * bug of the state machines, cheaply enough that all the specs together take a couple of minutes on two cores.
   * {@code -Dthimble.lincheck.scale=N} multiplies the scenarios explored, for the long run.
   */
  static ModelCheckingOptions options(int threads, int actorsPerThread) {
    int scale = Integer.getInteger("thimble.lincheck.scale", 1);
    return new ModelCheckingOptions()
        .threads(threads)
        .actorsPerThread(actorsPerThread)
        .actorsBefore(0)
        .actorsAfter(0)
        .iterations(5 * scale)
        .invocationsPerIteration(150 * scale);
  }

  /**
   * Whether Lincheck sees inside a reflective call. From JDK 18 on, {@link Method#invoke} runs through method handles
   * (JEP 416), which Lincheck does not trace: the timer's action then runs outside the model, as one atomic step that
   * even enters a monitor another thread holds, and the specs report interleavings that cannot happen (on JDK 25: a
   * waiting call's timeout reading {@code holdsLanePlace} inside the lane's lock while the pool thread holds it).
   */
  static final boolean TIMER_IN_MODEL = Runtime.version().feature() < 18;

  /**
   * Ends a call as its timer would when the timeout expires: the one piece of CallFuture reached by name. Does
   * nothing where Lincheck cannot see inside it ({@link #TIMER_IN_MODEL}): there the specs check every other race,
   * and the JDK 17 run checks the timer's too.
   */
  static void timeOut(CompletableFuture<?> call) {
    if (!TIMER_IN_MODEL) {
      return;
    }
    Method timeOut;
    try {
      timeOut = CallFuture.class.getDeclaredMethod("timeOut");
    } catch (NoSuchMethodException e) {
      throw new AssertionError("CallFuture has no timeOut(): the timer's action was renamed; rename it here", e);
    }
    timeOut.setAccessible(true);
    try {
      timeOut.invoke(call);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new AssertionError("timeOut() threw", e.getCause());
    }
  }

  /** Counts each call's outcome, so that a spec can check that every call ended exactly once. */
  static final class Outcomes implements ThimbleListener {
    final AtomicInteger submitted = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();

    @Override
    public void submitted(String call) {
      submitted.incrementAndGet();
    }

    @Override
    public void started(String call, long queueWaitNanos) {
      started.incrementAndGet();
    }

    @Override
    public void succeeded(String call, long runNanos) {
      ended.incrementAndGet();
    }

    @Override
    public void failed(String call, Throwable error, long runNanos) {
      ended.incrementAndGet();
    }

    @Override
    public void cancelled(String call) {
      ended.incrementAndGet();
    }

    @Override
    public void rejected(String call, RejectedExecutionException error) {
      ended.incrementAndGet();
    }

    @Override
    public void timedOut(String call, TimeoutException error) {
      ended.incrementAndGet();
    }
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
