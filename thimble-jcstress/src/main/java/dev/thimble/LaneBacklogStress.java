package dev.thimble;

import java.util.concurrent.CompletableFuture;
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
 * The lane's unlocked read of the pool's backlog: a pool thread ending a lane call reads the pool's volatile
 * backlog count, without the lock, to decide whether to run the lane's next call itself. Here a call joins the lane
 * while another thimble queues a call on the same one-thread pool: whatever the read sees, all three calls run.
 */
@JCStressTest
@Description("A lane call is handed on while another thimble queues on the pool: no call is lost.")
@Outcome(id = "3", expect = Expect.ACCEPTABLE, desc = "all three calls ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "a call was lost or hung")
@State
public class LaneBacklogStress {
  /** One thread, shared by every state: a pool started by its creator, so no thimble owns or stops it. */
  private static final ThimblePool POOL = startedPool();

  private final Thimble<String> lane = Thimble.builder("lane").pool(POOL).maxConcurrency(1).build();
  private final Thimble<String> other = Thimble.of("other", POOL);
  private final CompletableFuture<String> holder = lane.submit(target -> target);
  private CompletableFuture<String> waiter;
  private CompletableFuture<String> elsewhere;

  private static ThimblePool startedPool() {
    ThimblePool pool = ThimblePool.builder("jcstress-lane").threads(1, 1).queueCapacity(1_000_000).build();
    pool.start();
    return pool;
  }

  @Actor
  public void laneCaller() {
    waiter = lane.submit(target -> target);
  }

  @Actor
  public void otherCaller() {
    elsewhere = other.submit(target -> target);
  }

  @Arbiter
  public void arbiter(I_Result r) {
    r.r1 = ran(holder) + ran(waiter) + ran(elsewhere);
  }

  private static int ran(CompletableFuture<String> call) {
    try {
      call.get(10, TimeUnit.SECONDS);
      return 1;
    } catch (Exception e) {
      return 0;
    }
  }
}
