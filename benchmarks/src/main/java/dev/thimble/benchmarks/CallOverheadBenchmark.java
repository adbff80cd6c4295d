package dev.thimble.benchmarks;

import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a thimble call costs over writing {@code CompletableFuture.supplyAsync(() -> target.inc(x), executor)} by
 * hand: the proxy, {@link Thimble#submit}, and the hand-written call, over the same target and always on the very
 * same executor, so that only the way of making the call differs.
 *
 * <p>{@code pool=built}: thimble's own pool of {@value Pools#THREADS} threads; the hand-written call runs on that
 * pool too (a {@link ThimblePool} is an {@link Executor}). {@code pool=borrowed}: a {@link ThreadPoolExecutor} of
 * {@value Pools#THREADS} threads, thimble through {@link ThimblePool#of}. (How thimble's pool compares with a
 * {@code ThreadPoolExecutor} is {@link ScaleBenchmark}'s question.) {@code pool=direct}: an executor that runs each
 * call at once on the caller's thread: no thread handoff at all, so what is left is thimble's own CPU work per call,
 * judged against a bare {@code supplyAsync}, and far less disturbed by a busy machine than the handoff.
 *
 * <p>{@code pingPong*}: one call in flight, latency per call. {@code pipelined*}: {@value Pools#IN_FLIGHT} calls in
 * flight, then all joined; time per call. Both in average time, as an independent run measured them. Run with
 * {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
public class CallOverheadBenchmark {
  /**
   * {@code built}: each side on its own pool of the same size; {@code borrowed}: both on one executor;
   * {@code direct}: both on the caller's thread.
   */
  @Param({"built", "borrowed", "direct"})
  public String pool;

  private final Counter target = new Counter();
  private ThreadPoolExecutor threads;
  private ThimblePool thimblePool;
  private Executor executor;
  private Thimble<Counter> thimble;
  private AsyncCounter proxy;
  private int x;

  @Setup
  public void setUp() {
    threads = Pools.platform("borrowed", Pools.THREADS);
    if (pool.equals("built")) {
      thimblePool = Pools.thimble("thimble", Pools.THREADS, 10_000);
      thimblePool.start(); // started here, since the hand-written calls use it too; stopped in tearDown
      executor = thimblePool;
    } else {
      executor = pool.equals("direct") ? Runnable::run : threads;
      thimblePool = ThimblePool.of(executor);
    }
    thimble = Thimble.builder(target).pool(thimblePool).build();
    proxy = thimble.proxy(AsyncCounter.class);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    thimble.close();
    thimblePool.stop();
    Pools.shutdown(threads);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "pingPongHandWritten", maxSlowdown = 1.05, maxExtraBytes = 64,
      target = "<= 1.05x hand-written, <= 64 extra B/op", notJudgedWhere = "pool=direct")
  @ComparedTo(value = "pingPongHandWritten", maxSlowdown = 3.0, onlyWhere = "pool=direct",
      target = "own work <= 3x a bare supplyAsync")
  public int pingPongProxy() {
    return proxy.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "pingPongHandWritten", maxSlowdown = 1.05, maxExtraBytes = 64,
      target = "<= 1.05x hand-written, <= 64 extra B/op", notJudgedWhere = "pool=direct")
  @ComparedTo(value = "pingPongHandWritten", maxSlowdown = 3.0, onlyWhere = "pool=direct",
      target = "own work <= 3x a bare supplyAsync")
  public int pingPongSubmit() {
    int v = x++;
    return thimble.submit(c -> c.inc(v)).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int pingPongHandWritten() {
    int v = x++;
    return CompletableFuture.supplyAsync(() -> target.inc(v), executor).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo(value = "pipelinedHandWritten", maxSlowdown = 1.05, maxExtraBytes = 64,
      target = "<= 1.05x hand-written, <= 64 extra B/op", notJudgedWhere = "pool=direct")
  @ComparedTo(value = "pipelinedHandWritten", maxSlowdown = 3.0, onlyWhere = "pool=direct",
      target = "own work <= 3x a bare supplyAsync")
  public int pipelinedProxy() {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] calls = new CompletableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = proxy.inc(i);
    }
    return joinAll(calls);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo(value = "pipelinedHandWritten", maxSlowdown = 1.05, maxExtraBytes = 64,
      target = "<= 1.05x hand-written, <= 64 extra B/op", notJudgedWhere = "pool=direct")
  @ComparedTo(value = "pipelinedHandWritten", maxSlowdown = 3.0, onlyWhere = "pool=direct",
      target = "own work <= 3x a bare supplyAsync")
  public int pipelinedSubmit() {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] calls = new CompletableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      int v = i;
      calls[i] = thimble.submit(c -> c.inc(v));
    }
    return joinAll(calls);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  public int pipelinedHandWritten() {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] calls = new CompletableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      int v = i;
      calls[i] = CompletableFuture.supplyAsync(() -> target.inc(v), executor);
    }
    return joinAll(calls);
  }

  static int joinAll(CompletableFuture<Integer>[] calls) {
    int sum = 0;
    for (CompletableFuture<Integer> call : calls) {
      sum += call.join();
    }
    return sum;
  }
}
