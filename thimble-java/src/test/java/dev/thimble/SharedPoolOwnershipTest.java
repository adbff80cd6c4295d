package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Thimbles sharing a pool share its ownership (DESIGN 3.2): who starts it, who stops it, and what holds on to what;
 * with the ownership protocol's own lock, never the pool's.
 */
class SharedPoolOwnershipTest {
  private static final long WAIT = 10;

  public static class Repo {
    private final String name;

    public Repo(String name) {
      this.name = name;
    }

    public String find(int id) {
      return name + " " + id;
    }
  }

  public interface AsyncRepo {
    CompletableFuture<String> find(int id);
  }

  private static Thimble<Repo> thimble(String name, ThimblePool pool, ShutdownOwner owner) {
    return Thimble.builder(new Repo(name)).pool(pool).shutdownOwner(owner).build();
  }

  // ---- who stops a shared pool ----

  @Test
  void closingTheThimbleThatStartedASharedPoolLeavesItRunningForTheOthers() throws Exception {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> orders = thimble("orders", pool, owner);
    assertEquals("users 1", users.submit(r -> r.find(1)).get(WAIT, SECONDS)); // users starts the pool
    assertEquals("orders 2", orders.submit(r -> r.find(2)).get(WAIT, SECONDS));

    users.close();

    assertTrue(pool.isStarted(), "orders is still open");
    assertEquals("orders 3", orders.submit(r -> r.find(3)).get(WAIT, SECONDS));
    assertEquals(1, owner.registered(), "the owner still holds the pool's stop, for orders");

    orders.close();

    assertTrue(pool.isStopped(), "the last open thimble over the pool stopped it");
    assertEquals(0, owner.registered());
  }

  @Test
  void theLastThimbleToCloseStopsThePoolWhicheverStartedIt() {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> orders = thimble("orders", pool, owner);
    users.submit(r -> r.find(1)); // users starts the pool

    orders.close();
    assertTrue(pool.isStarted());
    users.close();

    assertTrue(pool.isStopped());
  }

  @Test
  void aThimbleThatHasNotCalledYetKeepsASharedPoolRunning() throws Exception {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> later = thimble("later", pool, owner);
    users.submit(r -> r.find(1));

    users.close();

    assertTrue(pool.isStarted(), "later is open: it may still call");
    assertEquals("later 7", later.submit(r -> r.find(7)).get(WAIT, SECONDS));
    later.close();
    assertTrue(pool.isStopped());
  }

  @Test
  void aPoolTheApplicationStartedIsNeverStoppedByTheThimblesSharingIt() throws Exception {
    InlinePool pool = new InlinePool("mine");
    pool.start();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> orders = thimble("orders", pool, owner);
    users.submit(r -> r.find(1)).get(WAIT, SECONDS);
    orders.submit(r -> r.find(2)).get(WAIT, SECONDS);

    users.close();
    orders.close();
    owner.stop();

    assertTrue(pool.isStarted());
    assertEquals(0, owner.registered());
  }

  @Test
  void theOwnerStopsASharedPoolForEveryThimbleOverIt() {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> orders = thimble("orders", pool, owner);
    users.submit(r -> r.find(1));
    orders.submit(r -> r.find(2));
    assertEquals(1, owner.registered(), "one registration per owner, however many thimbles");

    owner.stop();

    assertTrue(pool.isStopped());
    assertEquals("pool shared is stopped; calls made after stop() are rejected",
        ErrorsTest.assertRejectedAtOnce(orders.submit(r -> r.find(3))).getMessage());
  }

  // ---- thimbles of different owners ----

  @Test
  void eachOwnerOfAThimbleThatCalledHoldsTheStopAndTheFirstToShutDownStopsThePool() {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner app = new FakeShutdownOwner();
    FakeShutdownOwner request = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, app);
    Thimble<Repo> orders = thimble("orders", pool, request);
    users.submit(r -> r.find(1));
    orders.submit(r -> r.find(2));
    assertEquals(1, app.registered());
    assertEquals(1, request.registered());

    request.stop();

    assertTrue(pool.isStopped(), "an owner stops the pools of its open thimbles, shared or not");
    assertEquals(0, app.registered(), "the other owner forgets the stopped pool");
    assertTrue(users.submit(r -> r.find(3)).isCompletedExceptionally());
  }

  @Test
  void closingTheLastThimbleOfAnOwnerTakesTheStopBackFromThatOwner() throws Exception {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner app = new FakeShutdownOwner();
    FakeShutdownOwner request = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, app);
    Thimble<Repo> orders = thimble("orders", pool, request);
    users.submit(r -> r.find(1));
    orders.submit(r -> r.find(2));

    orders.close();
    request.stop();

    assertEquals(0, request.registered());
    assertTrue(pool.isStarted(), "the request's owner no longer owns a share of the pool");
    assertEquals("users 3", users.submit(r -> r.find(3)).get(WAIT, SECONDS));
    app.stop();
    assertTrue(pool.isStopped());
  }

  @Test
  void theJvmOwnerHoldsOneStopForAPoolSharedByManyThimblesAndNoneOnceTheyClose() throws Exception {
    int before = JvmShutdownOwner.INSTANCE.registered();
    ThimblePool pool = ThimblePool.builder("jvm-shared").threads(0, 1).build();
    Thimble<Repo> users = Thimble.of(new Repo("users"), pool);
    Thimble<Repo> orders = Thimble.of(new Repo("orders"), pool);
    users.submit(r -> r.find(1)).get(WAIT, SECONDS);
    orders.submit(r -> r.find(2)).get(WAIT, SECONDS);
    assertEquals(before + 1, JvmShutdownOwner.INSTANCE.registered());

    users.close();
    assertEquals(before + 1, JvmShutdownOwner.INSTANCE.registered());
    orders.close();

    assertEquals(before, JvmShutdownOwner.INSTANCE.registered());
    assertTrue(pool.awaitStopped(WAIT, SECONDS));
  }

  /** A pool that says it equals every other of its kind, as a value class might. */
  static final class EqualPool extends ForwardingPool<InlinePool> {
    EqualPool(String name) {
      super(new InlinePool(name));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof EqualPool;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void twoPoolsThatAreEqualButNotTheSameAreOwnedApart() throws Exception {
    EqualPool first = new EqualPool("first");
    EqualPool second = new EqualPool("second");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", first, owner);
    Thimble<Repo> orders = thimble("orders", second, owner);
    users.submit(r -> r.find(1)).get(WAIT, SECONDS);

    assertEquals("orders 2", orders.submit(r -> r.find(2)).get(WAIT, SECONDS), "second was started for its own call");
    users.close();

    assertTrue(first.isStopped());
    assertTrue(second.isStarted(), "orders is open over second");
    orders.close();
    assertTrue(second.isStopped());
  }

  // ---- after the pool stopped ----

  @Test
  void aThimbleBuiltAfterItsPoolWasStoppedIsRefusedAndDoesNotRestartIt() {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> first = thimble("first", pool, owner);
    first.submit(r -> r.find(1));
    first.close();
    assertTrue(pool.isStopped());

    Thimble<Repo> late = thimble("late", pool, owner);
    CompletableFuture<String> call = late.proxy(AsyncRepo.class).find(2);

    assertEquals("pool shared is stopped; calls made after stop() are rejected",
        ErrorsTest.assertRejectedAtOnce(call).getMessage());
    assertEquals(0, owner.registered());
    late.close();
  }

  // ---- the protocol's own lock; start() outside it ----

  /** A pool whose {@code start()} waits until the test lets it, and says when it has been entered. */
  static final class GatedStartPool extends ForwardingPool<ManualPool> {
    final CountDownLatch startEntered = new CountDownLatch(1);
    final CountDownLatch mayStart = new CountDownLatch(1);
    final AtomicInteger starts = new AtomicInteger();
    volatile Runnable whileStarting = () -> { };

    GatedStartPool() {
      super(new ManualPool("gated"));
    }

    @Override
    public void start() {
      starts.incrementAndGet();
      startEntered.countDown();
      whileStarting.run();
      try {
        assertTrue(mayStart.await(WAIT, SECONDS), "the test never let start() finish");
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      pool.start();
    }
  }

  @Test
  void aPoolWhoseStartWaitsForAThreadThatLocksThePoolDoesNotDeadlock() throws Exception {
    GatedStartPool pool = new GatedStartPool();
    // start() waits for another thread that takes the pool's own monitor, as a pool's helper thread may.
    pool.whileStarting = () -> {
      Thread helper = new Thread(() -> {
        synchronized (pool) {
          pool.mayStart.countDown();
        }
      }, "pool-helper");
      helper.start();
    };
    Thimble<Repo> thimble = thimble("users", pool, new FakeShutdownOwner());

    CompletableFuture<String> call = thimble.submit(r -> r.find(1));

    assertTrue(pool.pool.runNext(), "started, and the call queued: start() ran without our holding its monitor");
    assertEquals("users 1", call.get(WAIT, SECONDS));
  }

  @Test
  void closeAndOtherPoolsDoNotWaitForAStartInProgress() throws Exception {
    GatedStartPool pool = new GatedStartPool();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> starting = thimble("starting", pool, owner);
    Thimble<Repo> bystander = thimble("bystander", pool, owner);
    AtomicReference<CompletableFuture<String>> firstCall = new AtomicReference<>();
    Thread caller = new Thread(() -> firstCall.set(starting.submit(r -> r.find(1))), "first-caller");
    caller.start();
    assertTrue(pool.startEntered.await(WAIT, SECONDS));

    bystander.close(); // takes the ownership lock: it must be free while start() runs
    InlinePool other = new InlinePool("other");
    assertEquals("other 2", thimble("other", other, owner).submit(r -> r.find(2)).get(WAIT, SECONDS));

    pool.mayStart.countDown();
    caller.join(SECONDS.toMillis(WAIT));
    assertFalse(caller.isAlive());
    pool.pool.runAll();
    assertEquals("starting 1", firstCall.get().get(WAIT, SECONDS));
    assertTrue(pool.isStarted(), "starting is still open");
    starting.close();
    assertTrue(pool.isStopped());
  }

  @Test
  void aSecondFirstCallWaitsForTheStartInProgressAndRuns() throws Exception {
    GatedStartPool pool = new GatedStartPool();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> orders = thimble("orders", pool, owner);
    AtomicReference<CompletableFuture<String>> first = new AtomicReference<>();
    AtomicReference<CompletableFuture<String>> second = new AtomicReference<>();
    Thread one = new Thread(() -> first.set(users.submit(r -> r.find(1))), "caller-1");
    one.start();
    assertTrue(pool.startEntered.await(WAIT, SECONDS));
    Thread two = new Thread(() -> second.set(orders.submit(r -> r.find(2))), "caller-2");
    two.start();
    awaitWaiting(two);

    pool.mayStart.countDown();
    one.join(SECONDS.toMillis(WAIT));
    two.join(SECONDS.toMillis(WAIT));
    pool.pool.runAll();

    assertEquals("users 1", first.get().get(WAIT, SECONDS));
    assertEquals("orders 2", second.get().get(WAIT, SECONDS), "not refused as 'not started'");
    assertEquals(1, pool.starts.get());
    assertEquals(1, owner.registered());
  }

  /** Waits until {@code thread} is parked: here, on the ownership lock's monitor, waiting for the start. */
  private static void awaitWaiting(Thread thread) {
    long deadline = System.nanoTime() + SECONDS.toNanos(WAIT);
    while (thread.getState() != Thread.State.WAITING) {
      assertTrue(System.nanoTime() < deadline, thread + " never waited: " + thread.getState());
      Thread.yield();
    }
  }

  @Test
  void closeRacingTheFirstCallRefusesItAndTheStarterStopsThePool() throws Exception {
    GatedStartPool pool = new GatedStartPool();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> thimble = thimble("users", pool, owner);
    AtomicReference<CompletableFuture<String>> call = new AtomicReference<>();
    Thread caller = new Thread(() -> call.set(thimble.submit(r -> r.find(1))), "first-caller");
    caller.start();
    assertTrue(pool.startEntered.await(WAIT, SECONDS));

    thimble.close(); // the only thimble over the pool, while its first call starts it

    pool.mayStart.countDown();
    caller.join(SECONDS.toMillis(WAIT));
    assertEquals("thimble over Repo is closed; calls made after close() are rejected",
        ErrorsTest.assertRejectedAtOnce(call.get()).getMessage());
    assertTrue(pool.isStopped(), "no thimble is left open to use the pool it started");
    assertEquals(0, owner.registered());
  }

  @Test
  void firstCallsAndClosesRacingOnASharedPoolStartItOnceAndTheLastCloseStopsIt() throws Exception {
    int thimbles = 4;
    for (int round = 0; round < 200; round++) {
      PoolLifecycleTest.CountingPool pool = new PoolLifecycleTest.CountingPool(new InlinePool("race"));
      FakeShutdownOwner owner = new FakeShutdownOwner();
      java.util.List<Thimble<Repo>> all = new java.util.ArrayList<>();
      for (int i = 0; i < thimbles; i++) {
        all.add(thimble("t" + i, pool, owner));
      }
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(thimbles);
      java.util.List<Thread> threads = new java.util.ArrayList<>();
      java.util.List<CompletableFuture<String>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (Thimble<Repo> t : all) {
        Thread thread = new Thread(() -> {
          try {
            barrier.await(WAIT, SECONDS);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
          calls.add(t.submit(r -> r.find(1)));
          t.close();
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join(SECONDS.toMillis(WAIT));
        assertFalse(thread.isAlive(), "round " + round);
      }

      for (CompletableFuture<String> call : calls) {
        assertTrue(call.isDone(), "round " + round + ": every call completes");
      }
      assertEquals(1, pool.starts.get(), "round " + round + ": started once");
      assertTrue(pool.isStopped(), "round " + round + ": the last close stopped it");
      assertEquals(0, owner.registered(), "round " + round + ": the owner holds nothing");
    }
  }

  // ---- a pool that cannot be started ----

  /** A pool whose start() or isStarted() throws what the test says. */
  static final class BrokenPool extends ForwardingPool<InlinePool> {
    final AtomicInteger starts = new AtomicInteger();
    volatile Throwable fromStart;
    volatile Throwable fromIsStarted;

    BrokenPool() {
      super(new InlinePool("broken"));
    }

    @Override
    public void start() {
      starts.incrementAndGet();
      Throwable e = fromStart;
      if (e != null) {
        throw Sneaky.<RuntimeException>rethrow(e);
      }
      pool.start();
    }

    @Override
    public boolean isStarted() {
      Throwable e = fromIsStarted;
      if (e != null) {
        throw Sneaky.<RuntimeException>rethrow(e);
      }
      return pool.isStarted();
    }
  }

  @Test
  void aPoolWhoseStartThrowsAnErrorFailsTheFutureAndEveryLaterCall() throws Exception {
    BrokenPool pool = new BrokenPool();
    LinkageError error = new LinkageError("no native threads here");
    pool.fromStart = error;
    Thimble<Repo> thimble = thimble("users", pool, new FakeShutdownOwner());
    AsyncRepo repo = thimble.proxy(AsyncRepo.class);

    CompletableFuture<String> first = repo.find(1);
    CompletableFuture<String> second = thimble.submit(r -> r.find(2));

    for (CompletableFuture<String> call : java.util.Arrays.asList(first, second)) {
      RejectedExecutionException refusal = ErrorsTest.assertRejectedAtOnce(call);
      assertEquals("pool broken could not be started: java.lang.LinkageError: no native threads here",
          refusal.getMessage());
      assertSame(error, refusal.getCause());
    }
    assertThrows(RejectedExecutionException.class, () -> thimble.executor().execute(() -> { }));
    assertEquals(1, pool.starts.get(), "tried once");
  }

  @Test
  void aPoolWhoseIsStartedThrowsFailsTheFuture() {
    BrokenPool pool = new BrokenPool();
    IllegalStateException broken = new IllegalStateException("pool state unreadable");
    pool.fromIsStarted = broken;
    Thimble<Repo> thimble = thimble("users", pool, new FakeShutdownOwner());

    RejectedExecutionException refusal = ErrorsTest.assertRejectedAtOnce(thimble.proxy(AsyncRepo.class).find(1));

    assertSame(broken, refusal.getCause());
    assertEquals(0, pool.starts.get());
  }

  // ---- close from the pool's own thread ----

  @Test
  void closeFromACallOnItsOwnPoolDoesNotWaitForItself() throws Exception {
    ThimblePool pool = ThimblePool.builder("self-closing").threads(0, 1).build();
    Thimble<Repo> thimble = Thimble.builder(new Repo("users")).pool(pool).shutdownOwner(new FakeShutdownOwner())
        .stopTimeout(1, TimeUnit.HOURS).build();
    AtomicReference<Thimble<Repo>> self = new AtomicReference<>(thimble);

    CompletableFuture<String> call = thimble.submit(r -> {
      self.get().close();
      return "closed from " + Thread.currentThread().getName();
    });

    assertEquals("closed from self-closing-1", call.get(WAIT, SECONDS), "close() returned without the stop timeout");
    assertTrue(pool.awaitStopped(WAIT, SECONDS), "the graceful stop ends once the call has returned");
  }

  @Test
  void closeFromACallbackRunningOnItsOwnPoolDoesNotWaitForItself() throws Exception {
    ThimblePool pool = ThimblePool.builder("callback").threads(0, 1).build();
    Thimble<Repo> thimble = Thimble.builder(new Repo("users")).pool(pool).shutdownOwner(new FakeShutdownOwner())
        .stopTimeout(1, TimeUnit.HOURS).build();
    CountDownLatch callbackAttached = new CountDownLatch(1);
    CompletableFuture<String> call = thimble.submit(r -> {
      callbackAttached.await(WAIT, SECONDS); // so that the callback runs on this pool thread, when the call ends
      return r.find(1);
    });
    CompletableFuture<String> closed = call.thenApply(value -> {
      thimble.close();
      return value + ", closed on " + Thread.currentThread().getName();
    });
    callbackAttached.countDown();

    assertEquals("users 1, closed on callback-1", closed.get(WAIT, SECONDS));
    assertTrue(pool.awaitStopped(WAIT, SECONDS));
  }

  // ---- what the owner holds on to ----

  @Test
  void aThimbleDroppedWithoutCloseCanBeCollectedWhileItsOwnerStillStopsThePool() throws Exception {
    InlinePool pool = new InlinePool("dropped");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    WeakReference<Thimble<Repo>> dropped = callOnceAndDrop(pool, owner);

    for (int i = 0; i < 50 && dropped.get() != null; i++) {
      System.gc();
    }

    assertNull(dropped.get(), "the owner's registration does not keep the thimble (and its target) reachable");
    assertEquals(1, owner.registered());
    owner.stop();
    assertTrue(pool.isStopped(), "the pool's stop survived its thimble");
  }

  private static WeakReference<Thimble<Repo>> callOnceAndDrop(ThimblePool pool, ShutdownOwner owner)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    Thimble<Repo> thimble = thimble("users", pool, owner);
    thimble.submit(r -> r.find(1)).get(WAIT, SECONDS);
    return new WeakReference<>(thimble);
  }

  // ---- the executor face follows the same rules ----

  @Test
  void theExecutorFaceStartsAndSharesThePoolToo() {
    InlinePool pool = new InlinePool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Repo> users = thimble("users", pool, owner);
    Thimble<Repo> orders = thimble("orders", pool, owner);
    Executor executor = users.executor();
    AtomicInteger ran = new AtomicInteger();

    executor.execute(ran::incrementAndGet);
    orders.close();

    assertEquals(1, ran.get());
    assertEquals(1, owner.registered());
    assertTrue(pool.isStarted());
    users.close();
    assertTrue(pool.isStopped());
  }
}
