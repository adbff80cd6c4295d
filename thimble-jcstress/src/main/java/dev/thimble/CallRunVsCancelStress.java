package dev.thimble;

import dev.thimble.testing.ManualPool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A call's state CASes: the pool thread runs a call while another thread cancels it. The result is {@code (ran,
 * cancel won, outcome, interrupt left on the pool thread)}, outcome 1 for the call's value, 2 for cancelled.
 */
@JCStressTest
@Description("A pool thread runs a call while it is cancelled: it ends once, and no interrupt outlives it.")
@Outcome(id = "1, 0, 1, 0", expect = Expect.ACCEPTABLE, desc = "ran to its end before the cancel")
@Outcome(id = "0, 1, 2, 0", expect = Expect.ACCEPTABLE, desc = "cancelled while queued: never ran")
@Outcome(id = "1, 1, 2, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "cancelled (interrupted) while running")
@Outcome(expect = Expect.FORBIDDEN, desc = "ended twice or never, ran after a cancel that won in the queue, or an "
    + "interrupt leaked")
@State
public class CallRunVsCancelStress {
  private final ManualPool pool = new ManualPool("stress");
  private final AtomicInteger runs = new AtomicInteger();
  private final CompletableFuture<String> call;
  private boolean cancelled;
  private boolean interruptLeft;

  public CallRunVsCancelStress() {
    pool.start();
    call = Thimble.of("target", pool).submit(target -> {
      runs.incrementAndGet();
      return target;
    });
  }

  @Actor
  public void poolThread() {
    pool.runNext();
    interruptLeft = Thread.interrupted();
  }

  @Actor
  public void canceller() {
    cancelled = call.cancel(true);
  }

  @Arbiter
  public void arbiter(IIII_Result r) {
    r.r1 = runs.get();
    r.r2 = cancelled ? 1 : 0;
    r.r3 = !call.isDone() ? 0 : call.isCancelled() ? 2 : "target".equals(StressPools.valueOf(call)) ? 1 : 3;
    r.r4 = interruptLeft ? 1 : 0;
  }
}
