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
 * hand: the proxy, {@link Thimble#submit}, and the hand-written call, over the same target on pools of the same size.
 *
 * <p>{@code pool=built}: thimble on its own pool of {@value Pools#THREADS} threads, the hand-written call on a
 * {@link ThreadPoolExecutor} of {@value Pools#THREADS} threads. {@code pool=borrowed}: both on the very same
 * {@code ThreadPoolExecutor}, thimble through {@link ThimblePool#of} &mdash; the cleanest measure of what the proxy
 * adds, since the executor is the same. {@code pool=direct}: both on an executor that runs each call at once on
 * the caller's thread: no thread handoff at all, so what is left is the CPU cost of each way of making the call,
 * far less disturbed by the scheduling noise of a busy machine than the handoff.
 *
 * <p>{@code pingPong*}: one call in flight, latency per call. {@code pipelined*}: {@value Pools#IN_FLIGHT} calls in
 * flight, then all joined; throughput per call. Run with {@code -prof gc} for bytes per call.
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
  private Executor executor;
  private Thimble<Counter> thimble;
  private AsyncCounter proxy;
  private int x;

  @Setup
  public void setUp() {
    threads = Pools.platform("hand-written", Pools.THREADS);
    executor = pool.equals("direct") ? Runnable::run : threads;
    ThimblePool thimblePool = pool.equals("built") ? Pools.thimble("thimble", Pools.THREADS, 10_000)
        : ThimblePool.of(executor);
    thimble = Thimble.builder(target).pool(thimblePool).build();
    proxy = thimble.proxy(AsyncCounter.class);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    thimble.close();
    Pools.shutdown(threads);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "pingPongHandWritten", maxSlowdown = 1.05, maxExtraBytes = 64,
      target = "<= 1.05x hand-written, <= 64 extra B/op", notJudgedWhere = "pool=direct")
  public int pingPongProxy() {
    return proxy.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("pingPongHandWritten")
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
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo(value = "pipelinedHandWritten", maxSlowdown = 1.05, maxExtraBytes = 64,
      target = "<= 1.05x hand-written, <= 64 extra B/op", notJudgedWhere = "pool=direct")
  public int pipelinedProxy() {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] calls = new CompletableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = proxy.inc(i);
    }
    return joinAll(calls);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo("pipelinedHandWritten")
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
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
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
