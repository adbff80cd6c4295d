package dev.thimble;

import static dev.thimble.ModelFixtures.check;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The start-once ownership protocol, model-checked through thimbles' public behaviour: two thimbles share a pool
 * that is not started, and their first calls race (with a close of the first). Whatever the interleaving, the pool
 * is started at most once; its stop is registered at most once at a time, is not left registered once the pool is
 * stopped, and is registered while the pool runs and an open thimble has called on it; every call completes. (Who
 * stops a shared pool when one thimble closes is the ownership rules' business: either the pool stops, or it runs on
 * for the thimbles still open, its stop registered once one of them has called.) Two threads, not three:
 * Lincheck's threads take turns by spinning, which on a loaded two-core machine can pass for a hang.
 */
public class StartOnceLincheckTest {
  private final StressPools.CountingPool pool = new StressPools.CountingPool();
  private final CountingOwner owner = new CountingOwner();
  private final Thimble<Object> first = Thimble.builder(new Object()).pool(pool).shutdownOwner(owner).build();
  private final Thimble<Object> second = Thimble.builder(new Object()).pool(pool).shutdownOwner(owner).build();
  private final List<CompletableFuture<String>> calls = new CopyOnWriteArrayList<>();
  private volatile boolean firstCalled;
  private volatile boolean secondCalled;

  public StartOnceLincheckTest() {}

  @Operation
  public void callFirst() {
    calls.add(first.submit(target -> "first"));
    firstCalled = true;
  }

  @Operation
  public void callSecond() {
    calls.add(second.submit(target -> "second"));
    secondCalled = true;
  }

  @Operation(nonParallelGroup = "close")
  public void closeFirst() {
    first.close();
  }

  @Validate
  public void startedOnceRegisteredOnce() {
    pool.manual.runAll();
    for (CompletableFuture<String> call : calls) {
      check(call.isDone(), "a call never completed: " + call);
    }
    check(pool.starts.get() <= 1, "the pool was started " + pool.starts.get() + " times");
    check(owner.live.size() <= 1, "the pool's stop is registered more than once: " + owner);
    if (pool.starts.get() == 0) {
      check(owner.registered.get() == 0, "a stop was registered for a pool no one started: " + owner);
    } else if (pool.isStopped()) {
      check(owner.live.isEmpty(), "a stopped pool's stop is still registered: " + owner);
    } else if (secondCalled || (firstCalled && !first.isClosed())) {
      // An open thimble has called on the running pool it started: the owner must be able to stop it.
      check(owner.live.size() == 1, "a running pool's stop is not registered: " + owner);
    }
  }

  @Test
  public void modelCheck() {
    ModelFixtures.options(2, 2).check(StartOnceLincheckTest.class);
  }

  /**
   * An owner that never shuts down, counting registrations and keeping those not removed. Removing what is not
   * registered does nothing, as {@link ShutdownOwner#remove} says: a close racing the first call may do that.
   */
  static final class CountingOwner implements ShutdownOwner {
    final AtomicInteger registered = new AtomicInteger();
    final Set<Runnable> live = ConcurrentHashMap.newKeySet();

    @Override
    public void onShutdown(Runnable action) {
      registered.incrementAndGet();
      live.add(action);
    }

    @Override
    public void remove(Runnable action) {
      live.remove(action);
    }

    @Override
    public String toString() {
      return registered.get() + " registered, " + live.size() + " still registered";
    }
  }
}
