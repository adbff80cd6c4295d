package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.thimble.testing.FakeShutdownOwner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The completion guarantee under stress: many callers, every kind of outcome, and the pool stopped mid-flight.
 * Every future completes, no call runs twice, and the stats add up to the calls made.
 *
 * <p>Rerun a failing round with {@code -Dstress.seed=<the printed seed>}.
 */
class StressCompletionTest {
  private static final int ROUNDS = 6;
  private static final int CALLERS = 8;
  private static final int CALLS_PER_CALLER = 250;
  private static final int CALLS_PER_ROUND = CALLERS * CALLS_PER_CALLER;
  /** How long a round may take to settle before the test fails (never hangs). */
  private static final long SETTLE_SECONDS = 30;

  /** What a call does; the hook fails {@link #HOOK_THROWS} before the target is reached. */
  static final int RETURNS = 0;
  static final int THROWS = 1;
  static final int THROWS_ERROR = 2;
  static final int SLOW = 3;
  static final int HOOK_THROWS = 4;
  static final int KINDS = 5;

  /** The target: counts how often each call's body ran. */
  public static final class Counted {
    final AtomicIntegerArray runs = new AtomicIntegerArray(CALLS_PER_ROUND);

    public String slow(int id, int kind) throws Exception {
      return work(id, kind);
    }

    public String work(int id, int kind) throws Exception {
      runs.incrementAndGet(id);
      switch (kind) {
        case THROWS:
          throw new IOException("call " + id + " failed");
        case THROWS_ERROR:
          throw new AssertionError("call " + id + " broke");
        case SLOW:
          Thread.sleep(2); // the blocking operation: long enough for the 1 ms timeouts to catch some calls
          return "slow " + id;
        default:
          return "call " + id;
      }
    }
  }

  /** The face of {@link Counted}. */
  public interface AsyncCounted {
    CompletableFuture<String> work(int id, int kind);

    CompletableFuture<String> slow(int id, int kind);
  }

  /** A thimble of one round and the calls made on it. */
  private static final class Subject {
    final String name;
    final Thimble<Counted> thimble;
    final AsyncCounted face;
    final AtomicInteger calls = new AtomicInteger();

    Subject(String name, Thimble<Counted> thimble) {
      this.name = name;
      this.thimble = thimble;
      this.face = thimble.proxy(AsyncCounted.class);
    }
  }

  /** A green run prints nothing (issue 12 §7): the seed and the stats only on request. */
  private static final boolean VERBOSE = Boolean.getBoolean("stress.verbose");

  /** How a round stops its pool mid-flight. */
  private enum Stop {
    STOP, STOP_NOW, CLOSE_THIMBLE
  }

  @Test
  void everyFutureCompletesNoCallRunsTwiceAndTheStatsAddUp() throws Exception {
    long seed = Long.getLong("stress.seed", System.nanoTime());
    // Every failure message names its round's seed; -Dstress.verbose prints the seed and each round's stats.
    if (VERBOSE) {
      System.out.println("StressCompletionTest seed=" + seed + " (rerun with -Dstress.seed=" + seed + ")");
    }
    for (int round = 0; round < ROUNDS; round++) {
      runRound(round, seed + round, Stop.values()[round % Stop.values().length]);
    }
  }

  private void runRound(int round, long seed, Stop stop) throws Exception {
    String where = "round " + round + " (seed " + seed + ", " + stop + ")";
    String poolName = "stress-r" + round;
    ThimblePool pool = ThimblePool.builder(poolName).threads(1, 4).queueCapacity(256).build();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    ExecutorService completions = Executors.newFixedThreadPool(2, r -> new Thread(r, "stress-completions"));
    Counted target = new Counted();
    ThreadLocal<Integer> context = new ThreadLocal<>();
    Hook failingHook = (thimble, method, original) -> args -> {
      if (args != null && (Integer) args[1] == HOOK_THROWS) {
        throw new IllegalStateException("hook refused call " + args[0]);
      }
      return original.invoke(args);
    };
    Subject laned = new Subject("laned", Thimble.builder(target).recordStats(true).pool(pool).shutdownOwner(owner)
        .maxConcurrency(3).timeout("slow", 1, TimeUnit.MILLISECONDS).hook(failingHook).stopTimeout(0, TimeUnit.SECONDS)
        .build());
    Subject plain = new Subject("plain", Thimble.builder(target).recordStats(true).pool(pool).shutdownOwner(owner)
        .completeOn(completions).captureCallSite(true).propagate(ContextPropagator.threadLocal(context))
        .timeout(50, TimeUnit.MILLISECONDS).hook("work", failingHook).build());
    Subject[] subjects = {laned, plain};

    AtomicReferenceArray<CompletableFuture<String>> futures = new AtomicReferenceArray<>(CALLS_PER_ROUND);
    AtomicInteger made = new AtomicInteger();
    CountDownLatch threeQuarters = new CountDownLatch(1);
    CyclicBarrier go = new CyclicBarrier(CALLERS + 1);
    List<Throwable> callerErrors = Collections.synchronizedList(new ArrayList<>());
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      int caller = c;
      Random random = new Random(seed * 31 + c);
      Thread t = new Thread(() -> {
        try {
          go.await(SETTLE_SECONDS, TimeUnit.SECONDS);
          for (int i = 0; i < CALLS_PER_CALLER; i++) {
            int id = caller * CALLS_PER_CALLER + i;
            int kind = random.nextInt(10) < 5 ? RETURNS : random.nextInt(KINDS);
            Subject subject = subjects[random.nextInt(subjects.length)];
            subject.calls.incrementAndGet();
            context.set(id);
            CompletableFuture<String> future;
            switch (random.nextInt(4)) {
              case 0:
                future = subject.thimble.submit(w -> w.work(id, kind));
                break;
              case 1:
                future = subject.thimble.submitWhenRoom(w -> w.work(id, kind));
                break;
              default:
                future = kind == SLOW ? subject.face.slow(id, kind) : subject.face.work(id, kind);
            }
            futures.set(id, future);
            if (random.nextInt(20) == 0) {
              future.cancel(random.nextBoolean());
            } else if (random.nextInt(50) == 0) {
              CompletableFuture<String> other = futures.get(random.nextInt(CALLS_PER_ROUND));
              if (other != null) {
                other.cancel(true); // perhaps another caller's, perhaps running
              }
            }
            if (made.incrementAndGet() == CALLS_PER_ROUND * 3 / 4) {
              threeQuarters.countDown();
            }
          }
        } catch (Throwable e) {
          callerErrors.add(e); // a face threw: it never should
        }
      }, "stress-caller-" + c);
      callers.add(t);
      t.start();
    }
    go.await(SETTLE_SECONDS, TimeUnit.SECONDS);
    assertTrue(threeQuarters.await(SETTLE_SECONDS, TimeUnit.SECONDS), where + ": callers stalled");
    switch (stop) {
      case STOP:
        pool.stop();
        break;
      case STOP_NOW:
        pool.stopNow();
        break;
      default:
        laned.thimble.close(); // stops the pool if this thimble started it, else only refuses its later calls
    }
    for (Thread t : callers) {
      t.join(TimeUnit.SECONDS.toMillis(SETTLE_SECONDS));
      assertTrue(!t.isAlive(), where + ": " + t.getName() + " is stuck");
    }
    assertEquals(List.of(), callerErrors, where + ": a face threw");

    // Every future completes: wait with a bound, and fail, never hang.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
    List<String> notDone = new ArrayList<>();
    for (int id = 0; id < CALLS_PER_ROUND; id++) {
      CompletableFuture<String> future = futures.get(id);
      try {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        notDone.add(id + ": " + future);
      } catch (ExecutionException | CancellationException expected) {
        // an outcome like any other
      }
    }
    assertEquals(List.of(), notDone.subList(0, Math.min(10, notDone.size())), where + ": futures never completed");

    // Nothing ran twice; whatever succeeded ran exactly once.
    for (int id = 0; id < CALLS_PER_ROUND; id++) {
      int runs = target.runs.get(id);
      assertTrue(runs <= 1, where + ": call " + id + " ran " + runs + " times");
      CompletableFuture<String> future = futures.get(id);
      if (!future.isCompletedExceptionally()) {
        assertEquals(1, runs, where + ": call " + id + " succeeded with " + future.join());
      }
    }

    // The stats add up to the calls made, and agree with the futures.
    assertEquals(CALLS_PER_ROUND, laned.calls.get() + plain.calls.get());
    for (Subject subject : subjects) {
      ThimbleStats stats = subject.thimble.stats();
      String what = where + ", " + subject.name + ": " + stats;
      assertEquals(subject.calls.get(), stats.submitted(), what);
      assertEquals(stats.submitted(), stats.finished(), what);
      assertEquals(0, stats.queued(), what);
      assertEquals(0, stats.running(), what);
    }
    long cancelled = 0;
    long timedOut = 0;
    long rejected = 0;
    long succeeded = 0;
    for (int id = 0; id < CALLS_PER_ROUND; id++) {
      CompletableFuture<String> future = futures.get(id);
      Throwable cause = causeOf(future);
      if (future.isCancelled()) {
        cancelled++;
      } else if (cause instanceof TimeoutException) {
        timedOut++;
      } else if (cause instanceof RejectedExecutionException) {
        rejected++;
      } else if (cause == null) {
        succeeded++;
      }
    }
    long statsCancelled = 0;
    long statsTimedOut = 0;
    long statsRejected = 0;
    long statsSucceeded = 0;
    for (Subject subject : subjects) {
      ThimbleStats stats = subject.thimble.stats();
      statsCancelled += stats.cancelled();
      statsTimedOut += stats.timedOut();
      statsRejected += stats.rejected();
      statsSucceeded += stats.succeeded();
    }
    assertEquals(cancelled, statsCancelled, where + ": cancelled");
    assertEquals(timedOut, statsTimedOut, where + ": timed out");
    assertEquals(rejected, statsRejected, where + ": rejected");
    assertEquals(succeeded, statsSucceeded, where + ": succeeded");

    // No pool thread outlives the stop.
    pool.stop();
    assertTrue(pool.awaitStopped(SETTLE_SECONDS, TimeUnit.SECONDS), where + ": the pool did not stop: " + pool);
    List<String> alive = Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName).filter(name -> name.startsWith(poolName + "-")).collect(Collectors.toList());
    assertEquals(List.of(), alive, where + ": pool threads alive after stop");
    completions.shutdown();
    assertTrue(completions.awaitTermination(SETTLE_SECONDS, TimeUnit.SECONDS));
    if (VERBOSE) {
      System.out.println(where + ": " + laned.thimble.stats() + " / " + plain.thimble.stats());
    }
  }

  private static Throwable causeOf(CompletableFuture<String> future) {
    try {
      future.join();
      return null;
    } catch (CancellationException e) {
      return e;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void theJvmExitsWhenAProgramForgetsToStopItsOwnedPool() throws Exception {
    String classPath = location(StressCompletionTest.class) + File.pathSeparator + location(Thimble.class);
    Process program = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin"
        + File.separator + "java", "-cp", classPath, ForgetfulProgram.class.getName())
        .redirectErrorStream(true).start();
    boolean exited = program.waitFor(SETTLE_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      program.destroyForcibly();
      fail("a program that forgot to stop its pool did not exit");
    }
    String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals("driven to work", output);
    assertEquals(0, program.exitValue());
  }

  private static String location(Class<?> type) throws Exception {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
  }

  /** Makes a call on a thimble that owns its pool, and returns from main without stopping anything. */
  public static final class ForgetfulProgram {
    private ForgetfulProgram() {}

    public static void main(String[] args) throws Exception {
      Thimble<PolicyFixtures.Worker> thimble = Thimble.builder(new PolicyFixtures.Worker()).recordStats(true).build();
      System.out.println(thimble.proxy(PolicyFixtures.AsyncWorker.class).echo("driven to work").get());
    }
  }
}
