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
 * Start-once through one thimble: its {@code poolReady} and {@code stopOwed} flags are read without a lock by every
 * call, so two first calls racing must still see one start and one registration, and both calls run.
 */
@JCStressTest
@Description("Two first calls of one thimble over a new pool: one start, one registration, both run.")
@Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE, desc = "started once, registered once, both calls ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "started or registered other than once, or a call lost")
@State
public class StartOnceSameThimbleStress {
  private final StressPools.CountingPool pool = new StressPools.CountingPool();
  private final StressPools.CountingOwner owner = new StressPools.CountingOwner();
  private final Thimble<String> thimble = Thimble.builder("target").pool(pool).shutdownOwner(owner).build();
  private CompletableFuture<String> a;
  private CompletableFuture<String> b;

  @Actor
  public void callOne() {
    a = thimble.submit(target -> target);
  }

  @Actor
  public void callTwo() {
    b = thimble.submit(target -> target);
  }

  @Arbiter
  public void arbiter(III_Result r) {
    pool.manual.runAll();
    r.r1 = pool.starts.get();
    r.r2 = owner.registered.get();
    r.r3 = ("target".equals(StressPools.valueOf(a)) ? 1 : 0) + ("target".equals(StressPools.valueOf(b)) ? 1 : 0);
  }
}
