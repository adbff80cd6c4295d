package dev.thimble.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.ChildJvm;
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.ManualPool;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Probes at the seams between today's merges: each branch was tested alone. */
class SeamsTest {
  private static final long WAIT = 30;

  // ---- hooks and per-method timeouts on a generic method reached through a bridge ----

  public interface Repository<T, K> {
    T find(K key);
  }

  public abstract static class KeyedByLong<T> implements Repository<T, Long> {}

  /** javac gives this class a bridge {@code Object find(Object)} beside {@code String find(Long)}. */
  public static class Names extends KeyedByLong<String> {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String find(Long key) {
      if (key < 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return "name " + key;
    }
  }

  public interface AsyncNames {
    CompletableFuture<String> find(Long key);
  }

  @Test
  void aHookOnAGenericMethodSeesTheRealMethodNotTheBridgeAndWrapsItOnce() throws Exception {
    List<Method> hooked = new ArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    ThimblePool pool = ThimblePool.builder("bridge").threads(0, 1).build();
    try (Thimble<Names> thimble = Thimble.builder(new Names()).pool(pool).hook("find", (t, method, original) -> {
      hooked.add(method);
      return args -> {
        runs.incrementAndGet();
        return "hooked " + original.invoke(args);
      };
    }).build()) {
      AsyncNames names = thimble.proxy(AsyncNames.class);
      assertEquals("hooked name 7", names.find(7L).get(WAIT, TimeUnit.SECONDS));
      assertEquals(1, hooked.size(), "one face method, one wrap: " + hooked);
      assertFalse(hooked.get(0).isBridge(), "the hook is handed " + hooked.get(0));
      assertEquals(1, runs.get());
    }
  }

  @Test
  void aPerMethodTimeoutNamedForAGenericMethodAppliesThroughTheBridge() throws Exception {
    ThimblePool pool = ThimblePool.builder("bridge-timeout").threads(0, 1).build();
    Names target = new Names();
    try (Thimble<Names> thimble = Thimble.builder(target).pool(pool).timeout("find", 1, TimeUnit.MILLISECONDS)
        .build()) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> thimble.proxy(AsyncNames.class).find(-1L).get(WAIT, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, e.getCause());
    } finally {
      target.release.countDown();
    }
  }

  // ---- a shared pool: one thimble with a lane closes while calls wait in it ----

  public static class Counter {
    final AtomicInteger calls = new AtomicInteger();

    public int next() {
      return calls.incrementAndGet();
    }
  }

  @Test
  void callsWaitingInTheLaneOfAClosedThimbleOverASharedPoolStillEnd() throws Exception {
    ManualPool pool = new ManualPool("shared");
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Counter counter = new Counter();
    Thimble<Counter> laned = Thimble.builder(counter).pool(pool).shutdownOwner(owner).maxConcurrency(1).build();
    Thimble<Counter> other = Thimble.builder(new Counter()).pool(pool).shutdownOwner(owner).build();
    List<CompletableFuture<Integer>> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(laned.submit(Counter::next));
    }
    CompletableFuture<Integer> others = other.submit(Counter::next);

    laned.close();
    while (pool.runNext()) {
      // runs what the lane hands over as each call ends
    }

    for (CompletableFuture<Integer> f : waiting) {
      assertTrue(f.isDone(), "a call accepted before close() never ended: " + waiting);
    }
    assertEquals(1, others.get(WAIT, TimeUnit.SECONDS));
    assertTrue(pool.isStarted() && !pool.isStopped(), "other is still open");
    CompletableFuture<Integer> later = other.submit(Counter::next);
    pool.runAll();
    assertEquals(2, later.get(WAIT, TimeUnit.SECONDS));
    other.close();
    assertTrue(pool.isStopped());
  }

  // ---- a caller waiting for room when its thimble closes, the pool shared ----

  public static class Gate {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);

    public String pass(String who) throws InterruptedException {
      entered.countDown();
      open.await();
      return who;
    }
  }

  @Test
  void aCallWaitingForRoomEndsWhenItsThimbleClosesWhileAnotherKeepsTheFullPool() throws Exception {
    ThimblePool pool = ThimblePool.builder("full").threads(0, 1).queueCapacity(1).build();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Gate gate = new Gate();
    Thimble<Gate> keeper = Thimble.builder(gate).pool(pool).shutdownOwner(owner).build();
    Thimble<Gate> waiter = Thimble.builder(gate).pool(pool).shutdownOwner(owner).build();
    CompletableFuture<String> running = keeper.submit(g -> g.pass("running"));
    gate.entered.await();
    CompletableFuture<String> queued = keeper.submit(g -> g.pass("queued"));
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> waiter.submitWhenRoom(g -> g.pass("waiting")))
        .thenCompose(f -> f);
    waiter.close();
    gate.open.countDown();
    assertEquals("running", running.get(WAIT, TimeUnit.SECONDS));
    assertEquals("queued", queued.get(WAIT, TimeUnit.SECONDS));
    try {
      assertEquals("waiting", waiting.get(WAIT, TimeUnit.SECONDS)); // accepted before the close: it ran
    } catch (ExecutionException e) {
      assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, e.getCause()); // or refused
    }
    keeper.close();
    assertTrue(pool.awaitStopped(WAIT, TimeUnit.SECONDS));
  }

  // ---- the shared timer: one thimble closing (twice) must not end the other's timeouts ----

  @Test
  void closingAThimbleWithATimeoutTwiceLeavesAnotherThimblesTimeoutsWorking() throws Exception {
    ThimblePool poolA = ThimblePool.builder("timer-a").threads(0, 1).build();
    ThimblePool poolB = ThimblePool.builder("timer-b").threads(0, 1).build();
    Names target = new Names();
    Thimble<Names> a = Thimble.builder(new Names()).pool(poolA).timeout(10, TimeUnit.SECONDS).build();
    try (Thimble<Names> b = Thimble.builder(target).pool(poolB).timeout(50, TimeUnit.MILLISECONDS).build()) {
      assertEquals("name 1", a.proxy(AsyncNames.class).find(1L).get(WAIT, TimeUnit.SECONDS));
      a.close();
      a.close();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> b.proxy(AsyncNames.class).find(-1L).get(WAIT, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, e.getCause());
    } finally {
      target.release.countDown();
    }
  }

  // ---- close() from a pool thread, the pool shared ----

  @Test
  void closingOneSharedThimbleFromItsOwnCallLeavesThePoolToTheOther() throws Exception {
    ThimblePool pool = ThimblePool.builder("shared-close").threads(0, 1).build();
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<Counter> first = Thimble.builder(new Counter()).pool(pool).shutdownOwner(owner).build();
    Thimble<Counter> second = Thimble.builder(new Counter()).pool(pool).shutdownOwner(owner).build();
    assertEquals(1, first.submit(c -> {
      first.close();
      return c.next();
    }).get(WAIT, TimeUnit.SECONDS));
    assertTrue(first.isClosed());
    assertEquals(1, second.submit(Counter::next).get(WAIT, TimeUnit.SECONDS));
    second.close();
    assertTrue(pool.awaitStopped(WAIT, TimeUnit.SECONDS));
  }

  @Test
  void closingTheLastThimbleFromItsOwnCallLetsTheCallAndTheQueuedOnesEnd() throws Exception {
    ThimblePool pool = ThimblePool.builder("self-close").threads(0, 1).build();
    Thimble<Counter> thimble = Thimble.of(new Counter(), pool);
    CompletableFuture<Integer> closing = thimble.submit(c -> {
      thimble.close();
      return c.next();
    });
    CompletableFuture<Integer> queued = thimble.submit(Counter::next);
    assertEquals(1, closing.get(WAIT, TimeUnit.SECONDS));
    assertTrue(pool.awaitStopped(WAIT, TimeUnit.SECONDS));
    assertTrue(queued.isDone());
  }

  // ---- a face over a JDK internal class, with a hook on its method ----

  public interface AsyncHttpClient {
    CompletableFuture<HttpResponse<String>> send(HttpRequest request, HttpResponse.BodyHandler<String> body);
  }

  @Test
  void aHookOnHttpClientSendWrapsTheCallAndItsOriginalReachesSend() throws Exception {
    List<Method> hooked = new ArrayList<>();
    ThimblePool pool = ThimblePool.builder("http").threads(0, 1).build();
    try (Thimble<HttpClient> thimble = Thimble.builder(HttpClient.newHttpClient()).pool(pool)
        .hook("send", (t, method, original) -> {
          hooked.add(method);
          return original;
        }).build()) {
      AsyncHttpClient http = thimble.proxy(AsyncHttpClient.class);
      assertEquals(1, hooked.size());
      // Port 1 refuses: the call reached HttpClient.send, with no IllegalAccessException on the way.
      ExecutionException e = assertThrows(ExecutionException.class, () -> http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build(), HttpResponse.BodyHandlers.ofString())
          .get(WAIT, TimeUnit.SECONDS));
      assertInstanceOf(ConnectException.class, e.getCause(), String.valueOf(e.getCause()));
    }
  }

  /**
   * A hook is handed the method of the target's runtime class, {@code jdk.internal.net.http.HttpClientFacade.send},
   * which no user code may call (its package is not exported), rather than the public {@code HttpClient.send} the
   * call itself goes through.
   */
  @Test
  void aHookOnHttpClientSendIsHandedAMethodItCanCall() throws Exception {
    ThimblePool pool = ThimblePool.builder("http-reflective").threads(0, 1).build();
    try (Thimble<HttpClient> thimble = Thimble.builder(HttpClient.newHttpClient()).pool(pool)
        .hook("send", (t, method, original) -> args -> method.invoke(t.target(), args)).build()) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> thimble.proxy(AsyncHttpClient.class).send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build(), HttpResponse.BodyHandlers.ofString())
          .get(WAIT, TimeUnit.SECONDS));
      assertInstanceOf(java.lang.reflect.InvocationTargetException.class, e.getCause(), String.valueOf(e.getCause()));
      assertInstanceOf(ConnectException.class, e.getCause().getCause());
    }
  }

  // ---- error messages ----

  public interface WrongNames {
    CompletableFuture<Integer> find(Long key);
  }

  @Test
  void aGenericMismatchFailsWithAPlainIllegalArgumentExceptionNamingTheFaceMethod() {
    Thimble<Names> thimble = Thimble.of(new Names(), new ManualPool());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> thimble.proxy(WrongNames.class));
    assertEquals(IllegalArgumentException.class, e.getClass());
    assertTrue(e.getMessage().endsWith("\n    for method WrongNames.find"), e.getMessage());
    assertFalse(e.getMessage().contains("java.lang."), e.getMessage());
  }

  // ---- the adapters' fence ----

  @Test
  void aUserInstallingAnAccessBeforeThimbleIsInitialisedNeitherHijacksNorBreaksIt() throws Exception {
    ChildJvm.Result child = ChildJvm.run(HijackProgram.class);
    List<String> lines = child.lines();
    assertTrue(child.exited(), "output: " + lines);
    assertTrue(lines.size() == 2 && lines.get(0).startsWith("user install refused")
        && lines.get(1).equals("thimble works: 3"), "output: " + lines);
  }
}
