package dev.thimble.benchmarks;

import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * {@code calls} concurrent calls that each block {@code millis} (a sleep, standing for I/O), all awaited: thimble on
 * a virtual-thread pool, thimble on a 64-thread platform pool, and {@code Dispatchers.IO} (64 threads by default);
 * and, to show what the virtual threads themselves cost on this machine, the same calls written by hand with
 * {@code CompletableFuture.supplyAsync} on {@code Executors.newVirtualThreadPerTaskExecutor()}.
 * The physical limit is one {@code millis}; a 64-thread pool needs {@code calls / 64 * millis}.
 *
 * <p>Run it on JDK 21 or newer for the virtual variants: before JDK 21, {@code thimbleVirtual} and
 * {@code handWrittenVirtual} are skipped &mdash; they say so on standard error and return at once, so their scores
 * there mean nothing.
 */
@State(Scope.Benchmark)
public class ManyBlockingCallsBenchmark {
  /** How many calls are in flight at once. */
  @Param("10000")
  public int calls;

  /** How long each call blocks, in milliseconds. */
  @Param("20")
  public long millis;

  private final Counter target = new Counter();
  private Thimble<Counter> virtual;
  private AsyncCounter virtualProxy;
  private Thimble<Counter> platform;
  private AsyncCounter platformProxy;
  private ExecutorService virtualByHand;
  private Thimble<Counter> borrowedVirtual;
  private AsyncCounter borrowedVirtualProxy;

  @Setup
  public void setUp() {
    try {
      virtual = Thimble.builder(target).pool(ThimblePool.virtual("virtual")).build();
      virtualProxy = virtual.proxy(AsyncCounter.class);
    } catch (UnsupportedOperationException e) {
      System.err.println("thimbleVirtual is skipped on Java " + System.getProperty("java.version") + ": " + e);
    }
    try {
      // JDK 21 API; this module compiles for 17.
      virtualByHand = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      borrowedVirtual = Thimble.builder(target).pool(ThimblePool.of(virtualByHand)).build();
      borrowedVirtualProxy = borrowedVirtual.proxy(AsyncCounter.class);
    } catch (ReflectiveOperationException e) {
      System.err.println("handWrittenVirtual is skipped on Java " + System.getProperty("java.version") + ": " + e);
    }
    platform = Thimble.builder(target).pool(Pools.thimble("platform", 64, calls)).build();
    platformProxy = platform.proxy(AsyncCounter.class);
  }

  @TearDown
  public void tearDown() {
    if (virtual != null) {
      virtual.close();
    }
    platform.close();
    if (virtualByHand != null) {
      borrowedVirtual.close();
      virtualByHand.shutdownNow();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "dispatchersIo", maxSlowdown = 1 / 40.0, target = ">= 40x faster than Dispatchers.IO")
  @ComparedTo(value = "handWrittenVirtual", maxScore = 60, target = "<= 3x the 20 ms physical limit")
  public int thimbleVirtual() {
    if (virtualProxy == null) {
      return 0; // skipped: no virtual threads before JDK 21
    }
    return blockingCalls(virtualProxy);
  }

  /** Thimble's proxy over the JDK's own virtual-thread executor, borrowed: the proxy without thimble's virtual pool. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo(value = "handWrittenVirtual")
  public int thimbleOnVirtualExecutor() {
    if (borrowedVirtualProxy == null) {
      return 0; // skipped: no virtual threads before JDK 21
    }
    return blockingCalls(borrowedVirtualProxy);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo("dispatchersIo")
  public int handWrittenVirtual() {
    if (virtualByHand == null) {
      return 0; // skipped: no virtual threads before JDK 21
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] all = new CompletableFuture[calls];
    for (int i = 0; i < all.length; i++) {
      int v = i;
      all[i] = CompletableFuture.supplyAsync(() -> {
        try {
          return target.incAfter(v, millis);
        } catch (InterruptedException e) {
          throw new CompletionException(e);
        }
      }, virtualByHand);
    }
    return CallOverheadBenchmark.joinAll(all);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo("dispatchersIo")
  public int thimblePlatform64() {
    return blockingCalls(platformProxy);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @ComparedTo("dispatchersIo")
  public void dispatchersIo() {
    KotlinDispatchers.blockingCallsOnIo(target, calls, millis);
  }

  private int blockingCalls(AsyncCounter face) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Integer>[] all = new CompletableFuture[calls];
    for (int i = 0; i < all.length; i++) {
      all[i] = face.incAfter(i, millis);
    }
    return CallOverheadBenchmark.joinAll(all);
  }
}
