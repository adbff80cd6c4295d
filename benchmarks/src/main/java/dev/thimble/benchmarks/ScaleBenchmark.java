package dev.thimble.benchmarks;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * How the cost of a call grows with the number of callers and with the number of calls waiting in a lane.
 *
 * <p>{@code callersNN*}: NN threads each make one call at a time through one thimble (or by hand on an executor of
 * the same size, {@value Pools#THREADS} threads); the score is the calls per millisecond of all callers together, so a
 * flat line means the cost per call does not grow.
 *
 * <p>{@code lanePending*}: a lane of one ({@code maxConcurrency(1)}) is held by a first call while {@code pending}
 * more are queued behind it; then it is let go and the last call awaited. Against Guava's {@code
 * newSequentialExecutor} on the very same {@code ThreadPoolExecutor}, and on thimble's own pool. The score is the
 * time for all of them; divided by {@code pending} it is the cost per call, which must not grow with {@code pending}.
 */
@State(Scope.Benchmark)
public class ScaleBenchmark {
  private final Counter target = new Counter();
  private ThreadPoolExecutor executor;
  private Thimble<Counter> thimble;
  private AsyncCounter proxy;

  @Setup
  public void setUp() {
    executor = Pools.platform("hand-written", Pools.THREADS);
    thimble = Thimble.builder(target).pool(Pools.thimble("thimble", Pools.THREADS, 10_000)).build();
    proxy = thimble.proxy(AsyncCounter.class);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    thimble.close();
    Pools.shutdown(executor);
  }

  /** The lanes of the {@code lanePending*} benchmarks, with the number of calls queued in them. */
  @State(Scope.Benchmark)
  public static class Lanes {
    /** Calls queued in the lane behind the one holding it. */
    @Param({"10", "1000", "100000"})
    public int pending;

    private final Counter target = new Counter();
    private Thimble<Counter> lane;
    private AsyncCounter laneProxy;
    private Thimble<Counter> ownPoolLane;
    private AsyncCounter ownPoolLaneProxy;
    private ThreadPoolExecutor sequentialPool;
    private Executor sequential;

    @Setup
    public void setUp() {
      sequentialPool = Pools.platform("sequential", Pools.THREADS);
      sequential = MoreExecutors.newSequentialExecutor(sequentialPool);
      // The lane on the very executor under Guava's sequential executor: the two differ only in the lane.
      lane = Thimble.builder(target).pool(ThimblePool.of(sequentialPool)).maxConcurrency(1).build();
      laneProxy = lane.proxy(AsyncCounter.class);
      ownPoolLane = Thimble.builder(target).pool(Pools.thimble("thimble-lane", Pools.THREADS, 10_000))
          .maxConcurrency(1).build();
      ownPoolLaneProxy = ownPoolLane.proxy(AsyncCounter.class);
    }

    @TearDown
    public void tearDown() throws InterruptedException {
      lane.close();
      ownPoolLane.close();
      Pools.shutdown(sequentialPool);
    }
  }

  // ---- callers ----

  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "callers01HandWritten", maxSlowdown = 1.05, target = "<= 1.05x hand-written")
  public int callers01Proxy() {
    return call();
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "callers02HandWritten", maxSlowdown = 1.05, target = "<= 1.05x hand-written")
  public int callers02Proxy() {
    return call();
  }

  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "callers08HandWritten", maxSlowdown = 1.05, target = "<= 1.05x hand-written")
  public int callers08Proxy() {
    return call();
  }

  @Benchmark
  @Threads(64)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "callers64HandWritten", maxSlowdown = 1.05, target = "<= 1.05x hand-written")
  public int callers64Proxy() {
    return call();
  }

  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int callers01HandWritten() {
    return callByHand();
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int callers02HandWritten() {
    return callByHand();
  }

  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int callers08HandWritten() {
    return callByHand();
  }

  @Benchmark
  @Threads(64)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int callers64HandWritten() {
    return callByHand();
  }

  private int call() {
    return proxy.inc(1).join();
  }

  private int callByHand() {
    return CompletableFuture.supplyAsync(() -> target.inc(1), executor).join();
  }

  // ---- pending calls in a lane ----

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "lanePendingGuavaSequential", maxSlowdown = 1.0, target = "at least as fast as Guava sequential")
  public int lanePendingThimble(Lanes lanes) {
    return pending(lanes.lane, lanes.laneProxy, lanes.pending);
  }

  /** The same on thimble's own pool, whose idle thread the lane's next call needs no handoff to reach. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo("lanePendingGuavaSequential")
  public int lanePendingThimbleOwnPool(Lanes lanes) {
    return pending(lanes.ownPoolLane, lanes.ownPoolLaneProxy, lanes.pending);
  }

  private static int pending(Thimble<Counter> lane, AsyncCounter proxy, int pending) {
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<Integer> last = lane.submit(c -> {
      gate.await();
      return 0;
    });
    for (int i = 0; i < pending; i++) {
      last = proxy.inc(i);
    }
    gate.countDown();
    return last.join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int lanePendingGuavaSequential(Lanes lanes) {
    CountDownLatch gate = new CountDownLatch(1);
    ListenableFuture<Integer> last = Futures.submit(() -> {
      gate.await();
      return 0;
    }, lanes.sequential);
    for (int i = 0; i < lanes.pending; i++) {
      int v = i;
      last = Futures.submit(() -> lanes.target.inc(v), lanes.sequential);
    }
    gate.countDown();
    return Futures.getUnchecked(last);
  }
}
