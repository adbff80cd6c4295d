package dev.thimble;

import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Start-once and register-once: the first calls of two thimbles sharing a pool that is not started race. The pool
 * is started once, its stop registered once, and both calls run.
 */
@JCStressTest
@Description("Two thimbles over one new pool make their first calls at once: one start, one registration.")
@Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE, desc = "started once, registered once, both calls ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "started or registered other than once, or a call lost")
@State
public class StartOnceStress {
  private final StressPools.CountingPool pool = new StressPools.CountingPool();
  private final StressPools.CountingOwner owner = new StressPools.CountingOwner();
  private final Thimble<String> first = Thimble.builder("first").pool(pool).shutdownOwner(owner).build();
  private final Thimble<String> second = Thimble.builder("second").pool(pool).shutdownOwner(owner).build();
  private CompletableFuture<String> a;
  private CompletableFuture<String> b;

  @Actor
  public void callFirst() {
    a = first.submit(target -> target);
  }

  @Actor
  public void callSecond() {
    b = second.submit(target -> target);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    pool.manual.runAll();
    r.r1 = pool.starts.get();
    r.r2 = owner.registered.get();
    r.r3 = ("first".equals(StressPools.valueOf(a)) ? 1 : 0) + ("second".equals(StressPools.valueOf(b)) ? 1 : 0);
  }
}
