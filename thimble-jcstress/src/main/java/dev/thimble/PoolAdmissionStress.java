package dev.thimble;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A built pool's admission: two callers make two calls each on a started pool of two idle threads and a queue of
 * one. It has room for three calls at once, so at most one of the four may be refused as full. The result is how
 * many were refused; a call that never completes counts as 9.
 *
 * <p>This is a model the Lincheck specs cannot take: the pool runs its own threads, which Lincheck does not
 * schedule.
 */
@JCStressTest
@Description("Four calls on an idle pool of two threads and a queue of one: at most one refused as full.")
@Outcome(id = {"0", "1"}, expect = Expect.ACCEPTABLE, desc = "refused only when the threads were busy and the "
    + "queue full")
@Outcome(expect = Expect.FORBIDDEN, desc = "refused with room left (2: calls handed to idle threads that had not woken "
    + "yet counted against the queue, issue 11's defect 2), or a call never completed")
@State
public class PoolAdmissionStress {
  private final ThimblePool pool = startedPool();
  private final Thimble<String> thimble = Thimble.of("target", pool);
  private final CompletableFuture<?>[] calls = new CompletableFuture<?>[4];

  private static ThimblePool startedPool() {
    ThimblePool pool = ThimblePool.builder("jcstress-admission").threads(2, 2).queueCapacity(1).build();
    pool.start();
    return pool;
  }

  @Actor
  public void caller1() {
    calls[0] = thimble.submit(target -> target);
    calls[1] = thimble.submit(target -> target);
  }

  @Actor
  public void caller2() {
    calls[2] = thimble.submit(target -> target);
    calls[3] = thimble.submit(target -> target);
  }

  @Arbiter
  public void arbiter(I_Result r) {
    int refused = 0;
    for (CompletableFuture<?> call : calls) {
      try {
        call.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        refused += e.getCause() instanceof RejectedExecutionException ? 1 : 9;
      } catch (Exception e) {
        refused += 9;
      }
    }
    r.r1 = refused;
    pool.stopNow(); // its threads end, rather than wait out the keep-alive
  }
}
