package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.InlinePool;
import dev.thimble.testing.ManualPool;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The target's exception arrives as itself; a face never throws for a failure of an async call. */
class ErrorsTest {

  static final class Fatal extends Error {
    private static final long serialVersionUID = 1L;

    Fatal(String message) {
      super(message);
    }
  }

  /** Throws the very exception it was given. */
  public static class Failing {
    final Throwable failure;

    Failing(Throwable failure) {
      this.failure = failure;
    }

    public String read(String path) throws Exception {
      throw sneaky(failure);
    }

    public String readNow(String path) throws IOException {
      if (failure instanceof IOException) {
        throw (IOException) failure;
      }
      throw sneaky(failure);
    }

    public CompletableFuture<String> readLater(String path) throws Exception {
      throw sneaky(failure);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
      throw (E) t;
    }
  }

  public interface AsyncFailing {
    CompletableFuture<String> read(String path);

    String readNow(String path) throws IOException;

    CompletableFuture<String> readLater(String path);
  }

  /** The future's cause, from {@code get}, {@code join} and a dependant stage: always {@code expected} itself. */
  private static void assertFailsWithSame(Throwable expected, CompletableFuture<?> future) throws Exception {
    ExecutionException viaGet = assertThrows(ExecutionException.class, () -> future.get(10, SECONDS));
    assertSame(expected, viaGet.getCause());
    CompletionException viaJoin = assertThrows(CompletionException.class, future::join);
    assertSame(expected, viaJoin.getCause());
    assertSame(expected, future.handle((value, error) -> error).get(10, SECONDS));
  }

  /** Asserts that {@code call} was returned already failed with a {@link RejectedExecutionException}; returns it. */
  static RejectedExecutionException assertRejectedAtOnce(CompletableFuture<?> call) {
    assertTrue(call.isDone(), "failed when returned, never hanging");
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, SECONDS));
    assertEquals(RejectedExecutionException.class, e.getCause().getClass());
    return (RejectedExecutionException) e.getCause();
  }

  @Test
  void checkedExceptionArrivesAsTheSameObject() throws Exception {
    IOException disk = new IOException("disk on fire");
    ManualPool pool = new ManualPool();
    CompletableFuture<String> read = Thimble.of(new Failing(disk), pool).proxy(AsyncFailing.class).read("/etc");

    pool.runAll();

    assertFailsWithSame(disk, read);
  }

  @Test
  void uncheckedExceptionArrivesAsTheSameObject() throws Exception {
    IllegalStateException bad = new IllegalStateException("bad state");

    CompletableFuture<String> read = Thimble.of(new Failing(bad), new InlinePool()).proxy(AsyncFailing.class)
        .read("/etc");

    assertFailsWithSame(bad, read);
  }

  @Test
  void errorArrivesAsTheSameObject() throws Exception {
    Fatal fatal = new Fatal("out of luck");

    CompletableFuture<String> read = Thimble.of(new Failing(fatal), new InlinePool()).proxy(AsyncFailing.class)
        .read("/etc");

    assertFailsWithSame(fatal, read);
  }

  @Test
  void exceptionThrownInSubmitArrivesAsTheSameObject() throws Exception {
    IOException disk = new IOException("disk on fire");

    CompletableFuture<Object> read = Thimble.of(new Failing(disk), new InlinePool()).submit(f -> f.read("/etc"));

    assertFailsWithSame(disk, read);
  }

  @Test
  void exceptionFromARealPoolThreadArrivesAsTheSameObject() throws Exception {
    IOException disk = new IOException("disk on fire");
    try (ThimblePool pool = ThimblePool.builder("errors").threads(0, 1).build()) {
      Thimble<Failing> thimble = Thimble.builder(new Failing(disk)).pool(pool).shutdownOwner(a -> {}).build();

      assertFailsWithSame(disk, thimble.proxy(AsyncFailing.class).read("/etc"));
    }
  }

  @Test
  void passThroughMethodThrowsTheTargetsExceptionItself() {
    IOException disk = new IOException("disk on fire");
    AsyncFailing face = Thimble.of(new Failing(disk), new ManualPool()).proxy(AsyncFailing.class);

    assertSame(disk, assertThrows(IOException.class, () -> face.readNow("/etc")));
  }

  @Test
  void alreadyAsyncTargetThatThrowsGivesAFailedFuture() throws Exception {
    IOException disk = new IOException("disk on fire");
    AsyncFailing face = Thimble.of(new Failing(disk), new ManualPool()).proxy(AsyncFailing.class);

    CompletableFuture<String> later = face.readLater("/etc");

    assertTrue(later.isCompletedExceptionally());
    assertFailsWithSame(disk, later);
  }

  @Test
  void hookThatThrowsFailsTheFutureNotTheCaller() throws Exception {
    IllegalArgumentException refused = new IllegalArgumentException("refused by hook");
    ManualPool pool = new ManualPool();
    AsyncFailing face = Thimble.builder(new Failing(new IOException())).pool(pool)
        .hook("read", (t, method, original) -> args -> {
          throw refused;
        })
        .build().proxy(AsyncFailing.class);

    CompletableFuture<String> read = face.read("/etc");
    pool.runAll();

    assertFailsWithSame(refused, read);
  }

  @Test
  void stoppedPoolGivesAFailedFutureNotAThrow() throws Exception {
    InlinePool pool = new InlinePool("cars");
    pool.start();
    pool.stop();
    AsyncFailing face = Thimble.of(new Failing(new IOException()), pool).proxy(AsyncFailing.class);

    CompletableFuture<String> read = face.read("/etc");

    RejectedExecutionException e = assertRejectedAtOnce(read);
    assertEquals("pool cars is stopped; calls made after stop() are rejected", e.getMessage());
  }

  @Test
  void closedThimbleGivesAFailedFutureNotAThrow() throws Exception {
    Thimble<Failing> thimble = Thimble.of(new Failing(new IOException()), new ManualPool());
    AsyncFailing face = thimble.proxy(AsyncFailing.class);
    thimble.close();

    CompletableFuture<String> read = face.read("/etc");

    assertTrue(thimble.isClosed());
    RejectedExecutionException e = assertRejectedAtOnce(read);
    assertEquals("thimble over Failing is closed; calls made after close() are rejected", e.getMessage());
  }

  @Test
  void executorThatThrowsGivesAFailedFutureNotAThrow() throws Exception {
    IllegalStateException broken = new IllegalStateException("broken executor");
    ThimblePool pool = ThimblePool.of(task -> {
      throw broken;
    });
    AsyncFailing face = Thimble.of(new Failing(new IOException()), pool).proxy(AsyncFailing.class);

    CompletableFuture<String> read = face.read("/etc");

    RejectedExecutionException e = assertRejectedAtOnce(read);
    assertSame(broken, e.getCause());
  }

  @Test
  void poolThatCannotStartGivesAFailedFuture() throws Exception {
    IllegalStateException cannot = new IllegalStateException("no threads today");
    ThimblePool pool = new PoolLifecycleTest.CountingPool(new ManualPool("unstartable")) {
      @Override
      public void start() {
        throw cannot;
      }
    };

    CompletableFuture<Object> call = Thimble.of(new Failing(new IOException()), pool).submit(f -> "never");

    RejectedExecutionException e = assertRejectedAtOnce(call);
    assertEquals("pool unstartable could not be started: java.lang.IllegalStateException: no threads today",
        e.getMessage());
    assertSame(cannot, e.getCause());
  }
}
