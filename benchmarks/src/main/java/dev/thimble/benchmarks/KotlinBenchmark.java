package dev.thimble.benchmarks;

import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
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

/**
 * The Kotlin faces (thimble-coroutines) against {@code withContext}: one call in flight, each driven by
 * {@code runBlocking} (see {@link KotlinCalls}), latency per call.
 *
 * <p>{@code pool=built}: thimble on its own pool of {@value Pools#THREADS} threads, {@code withContext} on a
 * {@code ThreadPoolExecutor} of {@value Pools#THREADS} threads as a dispatcher. {@code pool=borrowed}: both on that
 * very executor.
 */
@State(Scope.Benchmark)
public class KotlinBenchmark {
  /** {@code built}: each side on its own pool of the same size; {@code borrowed}: both on one executor. */
  @Param({"built", "borrowed"})
  public String pool;

  private ThreadPoolExecutor executor;
  private Thimble<Counter> thimble;
  private KotlinCalls calls;
  private int x;

  @Setup
  public void setUp() {
    Counter target = new Counter();
    executor = Pools.platform("hand-written", Pools.THREADS);
    ThimblePool thimblePool = pool.equals("borrowed") ? ThimblePool.of(executor)
        : Pools.thimble("thimble", Pools.THREADS, 10_000);
    thimble = Thimble.builder(target).pool(thimblePool).build();
    calls = new KotlinCalls(target, thimble, executor);
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    thimble.close();
    Pools.shutdown(executor);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "withContextExecutor", maxSlowdown = 1.05, target = "<= 1.05x withContext, same executor")
  public int suspendProxy() {
    return calls.suspendProxy(x++);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "withContextExecutor", maxSlowdown = 1.05, target = "<= 1.05x withContext, same executor")
  public int thimbleCall() {
    return calls.thimbleCall(x++);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("withContextExecutor")
  public int withContextThimbleDispatcher() {
    return calls.withContextThimbleDispatcher(x++);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int withContextExecutor() {
    return calls.withContextExecutor(x++);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("withContextExecutor")
  public int withContextIo() {
    return calls.withContextIo(x++);
  }
}
