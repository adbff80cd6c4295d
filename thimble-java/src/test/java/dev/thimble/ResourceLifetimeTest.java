package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thimble.internal.Adapters;
import dev.thimble.internal.BoundMethod;
import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What a thimble holds on to after it is done with it: a closed thimble's registration with its owner, and a value
 * its target returned after the call had been cancelled.
 */
class ResourceLifetimeTest {

  // ---- a closed thimble leaves its owner ----

  @Test
  void closeRemovesTheOwnedPoolsStopFromTheOwner() throws Exception {
    FakeShutdownOwner owner = new FakeShutdownOwner();
    ThimblePool pool = ThimblePool.builder("forgotten").threads(0, 1).build();
    Thimble<StringBuilder> thimble = Thimble.builder(new StringBuilder()).pool(pool).shutdownOwner(owner).build();

    assertEquals("", thimble.submit(StringBuilder::toString).get(10, SECONDS));
    assertEquals(1, owner.registered(), "the first call started the pool and registered its stop");

    thimble.close();
    assertTrue(pool.isStopped());
    assertEquals(0, owner.registered(), "the owner no longer holds the closed thimble's pool");
    owner.stop(); // nothing left to run
  }

  @Test
  void theJvmOwnerDoesNotKeepThimblesBuiltAndClosedPerRequest() throws Exception {
    int before = JvmShutdownOwner.INSTANCE.registered();
    List<Thimble<StringBuilder>> open = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Thimble<StringBuilder> thimble = Thimble.builder(new StringBuilder("request " + i))
          .pool(ThimblePool.builder("per-request-" + i).threads(0, 1).build())
          .build();
      assertEquals("request " + i, thimble.submit(StringBuilder::toString).get(10, SECONDS));
      open.add(thimble);
    }
    assertTrue(JvmShutdownOwner.INSTANCE.registered() >= before + 50);

    for (Thimble<StringBuilder> thimble : open) {
      thimble.close();
      assertTrue(thimble.pool().awaitStopped(10, SECONDS));
    }
    assertEquals(before, JvmShutdownOwner.INSTANCE.registered());
  }

  @Test
  void removingAnUnknownActionDoesNothing() {
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Runnable registered = () -> { };
    owner.onShutdown(registered);

    owner.remove(() -> { });
    JvmShutdownOwner.INSTANCE.remove(() -> { });
    new ShutdownOwner() {
      @Override
      public void onShutdown(Runnable action) {}
    }.remove(registered); // the default: nothing to forget

    assertEquals(1, owner.registered());
  }

  @Test
  void closeBeforeTheFirstCallRegistersNothing() {
    FakeShutdownOwner owner = new FakeShutdownOwner();
    Thimble<StringBuilder> thimble = Thimble.builder(new StringBuilder()).pool(new InlinePool())
        .shutdownOwner(owner).build();

    thimble.close();

    assertEquals(0, owner.registered());
    assertTrue(thimble.submit(StringBuilder::length).isCompletedExceptionally());
  }

  // ---- a value returned after the call ended ----

  /** Opens a "resource" once the test lets it, ignoring interrupts meanwhile, as some drivers do. */
  public static final class Opener {
    final CountDownLatch opening = new CountDownLatch(1);
    final CountDownLatch mayReturn = new CountDownLatch(1);

    public Resource open(String name) {
      opening.countDown();
      boolean interrupted = false;
      while (true) {
        try {
          mayReturn.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: this method cannot be stopped half-way
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return new Resource(name);
    }
  }

  /** A resource whose close the test can wait for. */
  public static final class Resource implements AutoCloseable {
    final String name;
    final CountDownLatch closed = new CountDownLatch(1);

    Resource(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  /** The adapter's face method: its name and parameter types are what is matched. */
  public interface OpenerFace {
    Object open(String name);
  }

  private static BoundMethod bindOpen(Thimble<Opener> thimble) throws NoSuchMethodException {
    Method face = OpenerFace.class.getMethod("open", String.class);
    return Adapters.bind(thimble, face, new Class<?>[] {String.class}, null);
  }

  @Test
  void aValueReturnedAfterCancellationGoesToIfAbandoned() throws Exception {
    ThimblePool pool = PolicyFixtures.startedPool("opener", 1, 10);
    try {
      Opener opener = new Opener();
      Thimble<Opener> thimble = Thimble.of(opener, pool);
      CompletableFuture<Object> abandoned = new CompletableFuture<>();

      CompletableFuture<Object> call = bindOpen(thimble).submitWhenRoom(new Object[] {"cursor"}, abandoned::complete);
      assertTrue(opener.opening.await(10, SECONDS));
      assertTrue(call.cancel(true));
      assertThrows(CancellationException.class, call::join);
      assertFalse(abandoned.isDone(), "nothing was returned yet");

      opener.mayReturn.countDown();
      Resource late = (Resource) abandoned.get(10, SECONDS);
      assertEquals("cursor", late.name);
      late.close();
      assertEquals("free", thimble.submit(o -> "free").get(10, SECONDS), "the pool thread is free again");
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void aValueReturnedAfterATimeoutGoesToIfAbandoned() throws Exception {
    ThimblePool pool = PolicyFixtures.startedPool("opener", 1, 10);
    try {
      Opener opener = new Opener();
      Thimble<Opener> thimble = Thimble.builder(opener).pool(pool).timeout(200, TimeUnit.MILLISECONDS).build();
      CompletableFuture<Object> abandoned = new CompletableFuture<>();

      CompletableFuture<Object> call = bindOpen(thimble).submitWhenRoom(new Object[] {"cursor"}, abandoned::complete);
      assumeTrue(opener.opening.await(10, SECONDS), "a slow machine timed the call out before it started");
      Throwable timedOut = PolicyFixtures.failure(call);
      assertTrue(timedOut instanceof TimeoutException, "failed with " + timedOut);

      opener.mayReturn.countDown();
      assertEquals("cursor", ((Resource) abandoned.get(10, SECONDS)).name);
    } finally {
      pool.stopNow();
    }
  }

  @Test
  void aValueThatCompletesTheFutureIsTheCallersNotAbandoned() throws Exception {
    Opener opener = new Opener();
    opener.mayReturn.countDown();
    Thimble<Opener> thimble = Thimble.of(opener, new InlinePool());
    List<Object> abandoned = new ArrayList<>();

    Object value = bindOpen(thimble).submitWhenRoom(new Object[] {"mine"}, abandoned::add).get(10, SECONDS);

    assertEquals("mine", ((Resource) value).name);
    assertTrue(abandoned.isEmpty());
  }

  @Test
  void anIfAbandonedThatThrowsIsReportedToThePoolThreadsHandler() throws Exception {
    CompletableFuture<Throwable> reported = new CompletableFuture<>();
    ThimblePool pool = ThimblePool.of(task -> {
      Thread t = new Thread(task, "reporting");
      t.setUncaughtExceptionHandler((thread, e) -> reported.complete(e));
      t.start();
    });
    Opener opener = new Opener();
    Thimble<Opener> thimble = Thimble.of(opener, pool);
    IllegalStateException closeFailed = new IllegalStateException("could not close");

    CompletableFuture<Object> call = bindOpen(thimble).submitWhenRoom(new Object[] {"cursor"}, late -> {
      throw closeFailed;
    });
    assertTrue(opener.opening.await(10, SECONDS));
    call.cancel(true);
    opener.mayReturn.countDown();

    assertSame(closeFailed, reported.get(10, SECONDS));
  }

  @Test
  void ifAbandonedMustNotBeNull() throws Exception {
    Thimble<Opener> thimble = Thimble.of(new Opener(), new InlinePool());
    BoundMethod open = bindOpen(thimble);

    NullPointerException e = assertThrows(NullPointerException.class,
        () -> open.submitWhenRoom(new Object[] {"x"}, null));
    assertEquals("ifAbandoned == null", e.getMessage());
  }

  @Test
  void submitMayReturnNull() throws Exception {
    Thimble<Opener> thimble = Thimble.of(new Opener(), new InlinePool());

    CompletableFuture<Void> nothing = thimble.submit(o -> null);

    assertNull(nothing.get(10, SECONDS));
  }
}
