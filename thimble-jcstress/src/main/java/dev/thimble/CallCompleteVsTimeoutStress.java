package dev.thimble;

import dev.thimble.testing.ManualPool;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A call's state CASes from outside: a completion from outside races the call's timer while the call is queued.
 * Exactly one wins; the call never runs. The result is {@code (complete won, outcome, runs)}, outcome 1 for the
 * outside value, 2 for the timeout.
 */
@JCStressTest
@Description("complete() from outside races the timer of a queued call: exactly one wins, the call never runs.")
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE, desc = "completed from outside; the timer found it ended")
@Outcome(id = "0, 2, 0", expect = Expect.ACCEPTABLE, desc = "timed out; complete() found it ended")
@Outcome(expect = Expect.FORBIDDEN, desc = "both or neither won, or the call ran")
@State
public class CallCompleteVsTimeoutStress {
  private static final Method TIME_OUT = timeOutMethod();

  private final ManualPool pool = new ManualPool("stress");
  private final CompletableFuture<String> call;
  private boolean completed;

  public CallCompleteVsTimeoutStress() {
    pool.start();
    call = Thimble.of("target", pool).submit(target -> target);
  }

  private static Method timeOutMethod() {
    try {
      Method m = CallFuture.class.getDeclaredMethod("timeOut");
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("CallFuture has no timeOut(): the timer's action was renamed; rename it here", e);
    }
  }

  @Actor
  public void outside() {
    completed = call.complete("outside");
  }

  @Actor
  public void timer() {
    try {
      TIME_OUT.invoke(call);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Arbiter
  public void arbiter(III_Result r) {
    int ran = pool.runAll();
    r.r1 = completed ? 1 : 0;
    r.r2 = "outside".equals(StressPools.valueOf(call)) ? 1 : timedOut() ? 2 : 0;
    r.r3 = ran;
  }

  private boolean timedOut() {
    try {
      call.join();
      return false;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() instanceof TimeoutException;
    }
  }
}
