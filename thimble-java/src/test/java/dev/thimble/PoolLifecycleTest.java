package dev.thimble;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.FakeShutdownOwner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pools and ownership (DESIGN 3.2), on the real platform-thread pool. */
class PoolLifecycleTest {
  private static final long WAIT = 10;

  /** Every pool a test makes, stopped after it. */
  private final List<ThimblePool> pools = new ArrayList<>();

  @AfterEach
  void stopPools() throws InterruptedException {
    for (ThimblePool pool : pools) {
      pool.stopNow();
      assertTrue(pool.awaitStopped(WAIT, SECONDS), pool + " did not stop");
    }
  }

  private ThimblePool pool(ThimblePool.Builder builder) {
    ThimblePool pool = builder.build();
    pools.add(pool);
    return pool;
  }

  public static class Car {
    public String driveTo(String location) {
      return "driven to " + location;
    }
  }

  public interface AsyncCar {
    CompletableFuture<String> driveTo(String location);
  }

  /** A shutdown owner that counts what is registered and keeps it to run on {@link #stop()}. */
  static final class CountingOwner implements ShutdownOwner {
    final AtomicInteger registrations = new AtomicInteger();
    private final FakeShutdownOwner actions = new FakeShutdownOwner();

    @Override
    public void onShutdown(Runnable action) {
      registrations.incrementAndGet();
      actions.onShutdown(action);
    }

    void stop() {
      actions.stop();
    }
  }

  /** A pool that counts how often it was started, around a real one. */
  static class CountingPool extends ForwardingPool<ThimblePool> {
    final AtomicInteger starts = new AtomicInteger();

    CountingPool(ThimblePool pool) {
      super(pool);
    }

    @Override
    public void start() {
      starts.incrementAndGet();
      pool.start();
    }
  }

  @Test
  void poolIsCreatedNotStartedAndTheFirstCallStartsIt() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("lazy"));
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();
    thimble.proxy(AsyncCar.class);

    assertFalse(pool.isStarted(), "neither building a thimble nor making a face starts the pool");
    assertFalse(pool.isStopped());
    assertEquals(0, owner.registrations.get());

    assertEquals("driven to work", thimble.submit(c -> c.driveTo("work")).get(WAIT, SECONDS));

    assertTrue(pool.isStarted());
    assertEquals(1, owner.registrations.get());
    thimble.submit(c -> c.driveTo("home")).get(WAIT, SECONDS);
    assertEquals(1, owner.registrations.get(), "registered once, not per call");
  }

  @Test
  void manyThreadsRacingTheFirstCallStartThePoolOnceAndRegisterOneStop() throws Exception {
    int callers = 8;
    for (int round = 0; round < 20; round++) {
      CountingPool pool = new CountingPool(pool(ThimblePool.builder("race").threads(0, 2)));
      CountingOwner owner = new CountingOwner();
      Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();
      CyclicBarrier barrier = new CyclicBarrier(callers);
      ExecutorService threads = Executors.newFixedThreadPool(callers);
      try {
        List<Future<CompletableFuture<String>>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String location = "place " + i;
          calls.add(threads.submit(() -> {
            barrier.await(WAIT, SECONDS);
            return thimble.submit(c -> c.driveTo(location));
          }));
        }
        for (int i = 0; i < callers; i++) {
          assertEquals("driven to place " + i, calls.get(i).get(WAIT, SECONDS).get(WAIT, SECONDS));
        }
      } finally {
        threads.shutdownNow();
      }

      assertEquals(1, pool.starts.get(), "round " + round);
      assertEquals(1, owner.registrations.get(), "round " + round);
    }
  }

  @Test
  void thimblesSharingANewPoolRacingTheFirstCallRegisterOneStop() throws Exception {
    int callers = 6;
    CountingPool pool = new CountingPool(pool(ThimblePool.builder("shared").threads(0, 2)));
    CountingOwner owner = new CountingOwner();
    CyclicBarrier barrier = new CyclicBarrier(callers);
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    try {
      List<Future<CompletableFuture<String>>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();
        calls.add(threads.submit(() -> {
          barrier.await(WAIT, SECONDS);
          return thimble.submit(c -> c.driveTo("work"));
        }));
      }
      for (Future<CompletableFuture<String>> call : calls) {
        assertEquals("driven to work", call.get(WAIT, SECONDS).get(WAIT, SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }

    assertEquals(1, pool.starts.get());
    assertEquals(1, owner.registrations.get());
  }

  @Test
  void alreadyStartedPoolIsNotRegistered() throws Exception {
    CountingPool pool = new CountingPool(pool(ThimblePool.builder("mine")));
    pool.start();
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();

    thimble.submit(c -> c.driveTo("work")).get(WAIT, SECONDS);
    thimble.close();

    assertEquals(1, pool.starts.get(), "only the creator's start");
    assertEquals(0, owner.registrations.get());
    assertTrue(pool.isStarted(), "close() leaves a pool it did not start running");
  }

  @Test
  void ownersStopStopsThePool() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("owned"));
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();
    thimble.submit(c -> c.driveTo("work")).get(WAIT, SECONDS);

    owner.stop();

    assertTrue(pool.isStopped());
    assertFalse(pool.isStarted());
    assertTrue(pool.awaitStopped(WAIT, SECONDS));
  }

  @Test
  void ownersStopLetsQueuedCallsFinish() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("draining").threads(0, 1));
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> running = thimble.submit(c -> {
      entered.countDown();
      assertTrue(release.await(WAIT, SECONDS));
      return c.driveTo("work");
    });
    CompletableFuture<String> queued = thimble.submit(c -> c.driveTo("home"));
    assertTrue(entered.await(WAIT, SECONDS));

    Thread stopper = new Thread(owner::stop, "owner-stop");
    stopper.start();
    release.countDown();
    stopper.join(SECONDS.toMillis(WAIT));

    assertFalse(stopper.isAlive(), "the owner's stop waits for the calls and returns");
    assertEquals("driven to work", running.get(WAIT, SECONDS));
    assertEquals("driven to home", queued.get(WAIT, SECONDS));
    assertTrue(pool.isStopped());
  }

  @Test
  void closeStopsAnOwnedPool() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("closing"));
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(new CountingOwner()).build();
    thimble.submit(c -> c.driveTo("work")).get(WAIT, SECONDS);

    thimble.close();
    thimble.close();

    assertTrue(pool.isStopped());
    assertTrue(pool.awaitStopped(WAIT, SECONDS));
  }

  @Test
  void closeBeforeTheFirstCallNeverStartsThePool() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("never"));
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();

    thimble.close();
    CompletableFuture<String> call = thimble.submit(c -> c.driveTo("work"));

    assertEquals("thimble over Car is closed; calls made after close() are rejected",
        ErrorsTest.assertRejectedAtOnce(call).getMessage());
    assertFalse(pool.isStarted());
    assertEquals(0, owner.registrations.get());
  }

  @Test
  void callAfterStopReturnsAnAlreadyFailedFuture() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("cars"));
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();
    AsyncCar face = thimble.proxy(AsyncCar.class);
    face.driveTo("work").get(WAIT, SECONDS);
    owner.stop();

    CompletableFuture<String> viaProxy = face.driveTo("home");
    CompletableFuture<String> viaSubmit = thimble.submit(c -> c.driveTo("home"));

    for (CompletableFuture<String> call : java.util.Arrays.asList(viaProxy, viaSubmit)) {
      assertEquals("pool cars is stopped; calls made after stop() are rejected",
          ErrorsTest.assertRejectedAtOnce(call).getMessage());
    }
  }

  @Test
  void callOnAPoolStoppedBeforeItsFirstCallFailsAndDoesNotRestartIt() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("cars"));
    pool.stop();
    CountingOwner owner = new CountingOwner();
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();

    CompletableFuture<String> call = thimble.submit(c -> c.driveTo("work"));

    assertEquals("pool cars is stopped; calls made after stop() are rejected",
        ErrorsTest.assertRejectedAtOnce(call).getMessage());
    assertEquals(0, owner.registrations.get());
  }

  @Test
  void executeBeforeStartIsRejectedWithAClearMessage() {
    ThimblePool pool = pool(ThimblePool.builder("cold"));

    RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
    assertEquals("pool cold is not started; start() it, or let a thimble start it on its first call", e.getMessage());
  }

  @Test
  void stopAndStopNowAreIdempotent() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("twice").threads(1, 2));
    pool.start();
    pool.start();

    pool.stop();
    pool.stop();
    pool.stopNow();
    pool.stopNow();
    pool.stop();

    assertTrue(pool.isStopped());
    assertTrue(pool.awaitStopped(WAIT, SECONDS));
    assertTrue(pool.awaitStopped(WAIT, SECONDS));
    IllegalStateException e = assertThrows(IllegalStateException.class, pool::start);
    assertEquals("pool twice is stopped; a stopped pool cannot be restarted", e.getMessage());
  }

  @Test
  void stopNowBeforeStopAndNeverStartedPoolsStop() throws Exception {
    ThimblePool started = pool(ThimblePool.builder("started").threads(2, 2));
    started.start();
    ThimblePool neverStarted = pool(ThimblePool.builder("never"));

    started.stopNow();
    started.stop();
    neverStarted.stop();
    neverStarted.stopNow();

    assertTrue(started.awaitStopped(WAIT, SECONDS));
    assertTrue(neverStarted.isStopped());
    assertTrue(neverStarted.awaitStopped(WAIT, SECONDS));
  }

  @Test
  void awaitStoppedOfARunningPoolTimesOutFalse() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("running"));
    pool.start();

    assertFalse(pool.awaitStopped(1, MILLISECONDS));
  }

  @Test
  void threadsAreNamedAfterThePoolAndAreDaemons() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("named").threads(0, 3));
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(new CountingOwner()).build();
    CyclicBarrier allIn = new CyclicBarrier(3);
    List<CompletableFuture<Thread>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(thimble.submit(c -> {
        allIn.await(WAIT, SECONDS); // three at once: three threads
        return Thread.currentThread();
      }));
    }

    Set<String> names = new HashSet<>();
    for (CompletableFuture<Thread> call : calls) {
      Thread thread = call.get(WAIT, SECONDS);
      assertTrue(thread.isDaemon(), thread + " is not a daemon");
      names.add(thread.getName());
    }
    assertEquals(new HashSet<>(java.util.Arrays.asList("named-1", "named-2", "named-3")), names);
  }

  @Test
  void idleThreadsRetireAfterTheKeepAlive() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("retiring").threads(0, 2).keepAlive(1, MILLISECONDS));
    Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(new CountingOwner()).build();
    CyclicBarrier bothIn = new CyclicBarrier(2);
    CompletableFuture<Thread> first = thimble.submit(c -> {
      bothIn.await(WAIT, SECONDS);
      return Thread.currentThread();
    });
    CompletableFuture<Thread> second = thimble.submit(c -> {
      bothIn.await(WAIT, SECONDS);
      return Thread.currentThread();
    });
    Thread a = first.get(WAIT, SECONDS);
    Thread b = second.get(WAIT, SECONDS);
    assertNotSame(a, b);

    a.join(SECONDS.toMillis(WAIT));
    b.join(SECONDS.toMillis(WAIT));

    assertFalse(a.isAlive(), "an idle thread retires");
    assertFalse(b.isAlive(), "an idle thread retires");
    assertTrue(pool.isStarted(), "retiring threads do not stop the pool");
    assertEquals("driven to work", thimble.submit(c -> c.driveTo("work")).get(WAIT, SECONDS),
        "a call after the threads retired gets a new one");
  }

  /**
   * Threads that go idle together and time out together retire down to the minimum, never below it. (They once
   * all saw "more threads than the minimum" before any of them had left; the race shows in about one round in a
   * hundred, so this test runs many rounds, and it never fails when the pool is right.)
   */
  @Test
  void idleThreadsRetireDownToTheMinimumAndNoFurther() throws Exception {
    int width = 4;
    for (int round = 0; round < 100; round++) {
      ThimblePool pool = pool(ThimblePool.builder("min").threads(1, width).keepAlive(1, MILLISECONDS));
      pool.start();
      CyclicBarrier allIn = new CyclicBarrier(width);
      CountDownLatch done = new CountDownLatch(width);
      Set<Thread> threads = java.util.Collections.synchronizedSet(new HashSet<>());
      for (int i = 0; i < width; i++) {
        pool.execute(() -> {
          threads.add(Thread.currentThread());
          try {
            allIn.await(WAIT, SECONDS); // all at once: the pool grows to its maximum
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          done.countDown();
        });
      }
      assertTrue(done.await(WAIT, SECONDS));
      assertEquals(width, threads.size());

      long deadline = System.nanoTime() + SECONDS.toNanos(WAIT);
      List<Thread> alive = aliveAmong(threads);
      while (alive.size() > 1 && System.nanoTime() < deadline) {
        alive.get(0).join(10);
        alive = aliveAmong(threads);
      }

      assertEquals(1, alive.size(), "round " + round + ": the minimum thread stays, the others retire: " + pool);
      pool.stopNow();
    }
  }

  @Test
  void anIdleThreadOfTheMinimumWaitsInsteadOfSpinning() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("idle").threads(1, 1).keepAlive(5, MILLISECONDS));
    pool.start();
    CompletableFuture<Thread> worker = new CompletableFuture<>();
    pool.execute(() -> worker.complete(Thread.currentThread()));
    long id = worker.get(WAIT, SECONDS).getId();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getThreadCpuTime(id);

    // Not a synchronisation: time has to pass for the keep-alive to run out, many times over. A thread that waits
    // uses next to no CPU in it, whatever the machine's load; one that spins would use most of it.
    Thread.sleep(400);

    long cpuMillis = NANOSECONDS.toMillis(threads.getThreadCpuTime(id) - cpuBefore);
    assertTrue(cpuMillis < 100, "the idle thread used " + cpuMillis + " ms of CPU in 400 ms: " + pool);
    assertTrue(worker.get().isAlive(), "the minimum thread stays");
  }

  private static List<Thread> aliveAmong(Set<Thread> threads) {
    List<Thread> alive = new ArrayList<>();
    synchronized (threads) {
      for (Thread t : threads) {
        if (t.isAlive()) {
          alive.add(t);
        }
      }
    }
    return alive;
  }

  @Test
  void minThreadsAreStartedWithThePool() throws Exception {
    ThimblePool pool = pool(ThimblePool.builder("warm").threads(2, 4));
    pool.start();
    CountDownLatch twoIn = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<String> names = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 2; i++) {
      pool.execute(() -> {
        names.add(Thread.currentThread().getName());
        twoIn.countDown();
        try {
          release.await(WAIT, SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    assertTrue(twoIn.await(WAIT, SECONDS));
    release.countDown();

    assertEquals(new HashSet<>(java.util.Arrays.asList("warm-1", "warm-2")), new HashSet<>(names),
        "the calls ran on the two threads start() made, not on new ones");
  }

  @Test
  void borrowedExecutorIsStartedNeverRegisteredAndNeverShutDown() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(1);
    try {
      ThimblePool pool = ThimblePool.of(executor);
      CountingOwner owner = new CountingOwner();
      Thimble<Car> thimble = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build();

      assertTrue(pool.isStarted());
      assertEquals("driven to work", thimble.submit(c -> c.driveTo("work")).get(WAIT, SECONDS));
      thimble.close();
      pool.stop();
      pool.stopNow();
      pool.close();

      assertEquals(0, owner.registrations.get());
      assertTrue(pool.isStopped());
      assertFalse(executor.isShutdown(), "the executor is its owner's to shut down");
      assertEquals("still mine", executor.submit(() -> "still mine").get(WAIT, SECONDS));
      RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
      assertEquals("pool ThreadPoolExecutor is stopped; calls made after stop() are rejected (the "
          + "borrowed executor itself was left running)", e.getMessage());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void defaultPoolIsNamedAfterTheTargetsClassAndOwnedByTheThimble() throws Exception {
    Thimble<Car> thimble = Thimble.builder(new Car()).shutdownOwner(new CountingOwner()).build();
    pools.add(thimble.pool());

    assertEquals("thimble-car", thimble.pool().name());
    assertFalse(thimble.pool().isStarted());
    assertEquals("thimble-car-1", thimble.submit(c -> Thread.currentThread().getName()).get(WAIT, SECONDS));
    thimble.close();
    assertTrue(thimble.pool().awaitStopped(WAIT, SECONDS));
  }
}
