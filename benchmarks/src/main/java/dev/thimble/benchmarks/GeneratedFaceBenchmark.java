package dev.thimble.benchmarks;

import dev.thimble.Thimble;
import dev.thimble.ThimbleFace;
import dev.thimble.ThimblePool;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A face generated at compile time by thimble-processor against the reflective proxy and the hand-written {@code
 * CompletableFuture.supplyAsync(() -> target.inc(x), executor)}: one call in flight (ping-pong), all three on the very
 * same {@link ThreadPoolExecutor} of {@value Pools#THREADS} threads (thimble through {@link ThimblePool#of}), so that
 * what differs is only how the call is made. And what {@code proxy(...)} costs for each kind of face.
 *
 * <p>{@link GeneratedCounter} and {@link AsyncCounter} are the same face, {@code inc(int)} over {@link Counter}; the
 * first is annotated, so the processor (on the benchmarks' processor path) generates {@code
 * GeneratedFaceBenchmark_GeneratedCounter_Thimble} for it. Run with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
public class GeneratedFaceBenchmark {
  /** The face the processor generates a class for: {@link AsyncCounter#inc}, annotated. */
  @ThimbleFace(target = Counter.class)
  public interface GeneratedCounter {
    /**
     * Runs {@link Counter#inc(int)} on the pool.
     *
     * @param x any number
     * @return a future of {@code x + 1}
     */
    CompletableFuture<Integer> inc(int x);
  }

  private final Counter target = new Counter();
  private ThreadPoolExecutor executor;
  private Thimble<Counter> thimble;
  private GeneratedCounter generated;
  private AsyncCounter reflective;
  private Thimble<Counter> direct;
  private GeneratedCounter generatedDirect;
  private AsyncCounter reflectiveDirect;
  private int x;

  @Setup
  public void setUp() {
    executor = Pools.platform("same", Pools.THREADS);
    thimble = Thimble.builder(target).pool(ThimblePool.of(executor)).build();
    generated = thimble.proxy(GeneratedCounter.class);
    reflective = thimble.proxy(AsyncCounter.class);
    direct = Thimble.builder(target).pool(ThimblePool.of(Runnable::run)).build();
    generatedDirect = direct.proxy(GeneratedCounter.class);
    reflectiveDirect = direct.proxy(AsyncCounter.class);
    if (Proxy.isProxyClass(generated.getClass()) || !Proxy.isProxyClass(reflective.getClass())) {
      throw new IllegalStateException("expected a generated and a reflective face, got " + generated.getClass()
          + " and " + reflective.getClass() + "; is thimble-processor on the benchmarks' processor path?");
    }
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    thimble.close();
    direct.close();
    Pools.shutdown(executor);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "pingPongHandWritten", maxSlowdown = 1.02, maxExtraBytes = 64,
      target = "<= 1.02x hand-written, <= 64 extra B/op (thimble's call state)")
  @ComparedTo("pingPongReflective")
  public int pingPongGenerated() {
    return generated.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo("pingPongHandWritten")
  public int pingPongReflective() {
    return reflective.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int pingPongHandWritten() {
    int v = x++;
    return CompletableFuture.supplyAsync(() -> target.inc(v), executor).join();
  }

  // ---- thimble's own work: on an executor that runs each call at once, no handoff is left to hide it ----

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @ComparedTo(value = "ownWorkHandWritten", maxSlowdown = 2.0, target = "own work <= 2x a bare supplyAsync")
  @ComparedTo("ownWorkReflective")
  public int ownWorkGenerated() {
    return generatedDirect.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @ComparedTo(value = "ownWorkHandWritten", maxSlowdown = 3.0, target = "own work <= 3x a bare supplyAsync")
  public int ownWorkReflective() {
    return reflectiveDirect.inc(x++).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public int ownWorkHandWritten() {
    int v = x++;
    return CompletableFuture.supplyAsync(() -> target.inc(v), (Executor) Runnable::run).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @ComparedTo(value = "proxyReflective", maxSlowdown = 0.1, target = "<= 0.1x reflective (10x faster)")
  public GeneratedCounter proxyGenerated() {
    return thimble.proxy(GeneratedCounter.class);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public AsyncCounter proxyReflective() {
    return thimble.proxy(AsyncCounter.class);
  }
}
