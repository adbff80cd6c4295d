package dev.thimble.benchmarks;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.AsyncAnnotationBeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Thimble against what people use instead, each on a pool of {@value Pools#THREADS} threads over the same target:
 * a Spring {@code @Async} proxy on a {@code ThreadPoolTaskExecutor}, Guava's {@code listeningDecorator}, and
 * {@code Dispatchers.IO.limitedParallelism(2)}; and for serialized access (a lane of one), thimble's
 * {@code maxConcurrency(1)} against Guava's {@code newSequentialExecutor}, a dedicated single thread and
 * {@code Dispatchers.IO.limitedParallelism(1)}. Where thimble is judged against a peer, it runs on that peer's very
 * executor ({@link ThimblePool#of}): the {@code @Async} executor's, and the one under Guava's sequential executor.
 *
 * <p>{@code pingPong*}: one call in flight, latency per call. {@code pipelined*} and {@code lane*}:
 * {@value Pools#IN_FLIGHT} calls in flight, throughput per call.
 */
@State(Scope.Benchmark)
public class PeersBenchmark {
  private final Counter target = new Counter();

  private Thimble<Counter> thimble;
  private AsyncCounter proxy;
  private ThreadPoolTaskExecutor springExecutor;
  private AsyncCounter springAsync;
  private ThreadPoolExecutor guavaPool;
  private ListeningExecutorService guava;
  private Executor ioLimited;

  private Thimble<Counter> laneThimble;
  private AsyncCounter laneProxy;
  private ThreadPoolExecutor sequentialPool;
  private Executor guavaSequential;
  private ExecutorService singleThread;
  private Executor ioLimitedToOne;

  private int x;

  /** The Spring way: a bean whose {@code @Async} methods return a completed future, proxied by Spring. */
  public static class SpringCounter implements AsyncCounter {
    private final Counter target;

    public SpringCounter(Counter target) {
      this.target = target;
    }

    @Async
    @Override
    public CompletableFuture<Integer> inc(int x) {
      return CompletableFuture.completedFuture(target.inc(x));
    }

    @Async
    @Override
    public CompletableFuture<Integer> incAfter(int x, long millis) {
      try {
        return CompletableFuture.completedFuture(target.incAfter(x, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  @Setup
  public void setUp() {
    springExecutor = new ThreadPoolTaskExecutor();
    springExecutor.setCorePoolSize(Pools.THREADS);
    springExecutor.setMaxPoolSize(Pools.THREADS);
    springExecutor.setThreadNamePrefix("spring-");
    springExecutor.setDaemon(true);
    springExecutor.setPrestartAllCoreThreads(true);
    springExecutor.initialize();
    AsyncAnnotationBeanPostProcessor async = new AsyncAnnotationBeanPostProcessor();
    async.setExecutor(springExecutor);
    async.setBeanFactory(new DefaultListableBeanFactory());
    springAsync = (AsyncCounter) async.postProcessAfterInitialization(new SpringCounter(target), "counter");
    // Thimble on the very executor under @Async: the two differ only in how they make the call.
    thimble = Thimble.builder(target).pool(ThimblePool.of(springExecutor.getThreadPoolExecutor())).build();
    proxy = thimble.proxy(AsyncCounter.class);

    guavaPool = Pools.platform("guava", Pools.THREADS);
    guava = MoreExecutors.listeningDecorator(guavaPool);
    ioLimited = KotlinDispatchers.ioLimitedExecutor(Pools.THREADS);

    sequentialPool = Pools.platform("sequential", Pools.THREADS);
    guavaSequential = MoreExecutors.newSequentialExecutor(sequentialPool);
    // The lane on the very executor under Guava's sequential executor.
    laneThimble = Thimble.builder(target).pool(ThimblePool.of(sequentialPool)).maxConcurrency(1).build();
    laneProxy = laneThimble.proxy(AsyncCounter.class);
    singleThread = Executors.newSingleThreadExecutor(Pools.named("single"));
    ioLimitedToOne = KotlinDispatchers.ioLimitedExecutor(1);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    thimble.close();
    laneThimble.close();
    springExecutor.shutdown();
    Pools.shutdown(guavaPool);
    Pools.shutdown(sequentialPool);
    Pools.shutdown(singleThread);
  }

  // ---- one call in flight ----

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "pingPongSpringAsync", maxSlowdown = 1.0, target = "at least as fast as @Async")
  public int pingPongThimbleProxy() {
    return proxy.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("pingPongHandWritten")
  public int pingPongSpringAsync() {
    return springAsync.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("pingPongHandWritten")
  public int pingPongGuavaListening() {
    int v = x++;
    return Futures.getUnchecked(guava.submit(() -> target.inc(v)));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("pingPongHandWritten")
  public int pingPongIoLimited() {
    int v = x++;
    return CompletableFuture.supplyAsync(() -> target.inc(v), ioLimited).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("pingPongHandWritten")
  public int pingPongIoWithContext() {
    return KotlinDispatchers.incOnIo(target, x++);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int pingPongHandWritten() {
    int v = x++;
    return CompletableFuture.supplyAsync(() -> target.inc(v), guavaPool).join();
  }

  // ---- many calls in flight ----

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo(value = "pipelinedSpringAsync", maxSlowdown = 1.0, target = "at least as fast as @Async")
  public int pipelinedThimbleProxy() {
    return pipelined(proxy);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo("pipelinedHandWritten")
  public int pipelinedSpringAsync() {
    return pipelined(springAsync);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo("pipelinedHandWritten")
  public int pipelinedGuavaListening() {
    @SuppressWarnings("unchecked")
    ListenableFuture<Integer>[] calls = new ListenableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      int v = i;
      calls[i] = guava.submit(() -> target.inc(v));
    }
    return getAll(calls);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo("pipelinedHandWritten")
  public int pipelinedIoLimited() {
    return supplyAll(ioLimited);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  public int pipelinedHandWritten() {
    return supplyAll(guavaPool);
  }

  // ---- a lane of one: serialized access ----

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo(value = "laneGuavaSequential", maxSlowdown = 1.0, target = "at least as fast as Guava sequential")
  @ComparedTo(value = "laneSingleThread", maxSlowdown = 1 / 0.9, target = ">= 0.9x a dedicated thread")
  public int laneThimbleMaxConcurrency1() {
    return pipelined(laneProxy);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo("laneSingleThread")
  public int laneGuavaSequential() {
    @SuppressWarnings("unchecked")
    ListenableFuture<Integer>[] calls = new ListenableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      int v = i;
      calls[i] = Futures.submit(() -> target.inc(v), guavaSequential);
    }
    return getAll(calls);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  @ComparedTo("laneSingleThread")
  public int laneIoLimitedToOne() {
    return supplyAll(ioLimitedToOne);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @OperationsPerInvocation(Pools.IN_FLIGHT)
  public int laneSingleThread() {
    return supplyAll(singleThread);
  }

  private static int pipelined(AsyncCounter face) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] calls = new CompletableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = face.inc(i);
    }
    return CallOverheadBenchmark.joinAll(calls);
  }

  private int supplyAll(Executor executor) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] calls = new CompletableFuture[Pools.IN_FLIGHT];
    for (int i = 0; i < calls.length; i++) {
      int v = i;
      calls[i] = CompletableFuture.supplyAsync(() -> target.inc(v), executor);
    }
    return CallOverheadBenchmark.joinAll(calls);
  }

  private static int getAll(Future<Integer>[] calls) {
    int sum = 0;
    for (Future<Integer> call : calls) {
      sum += Futures.getUnchecked(call);
    }
    return sum;
  }
}
