package dev.thimble;

import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.startedPool;
import static dev.thimble.PolicyFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.PolicyFixtures.AsyncWorker;
import dev.thimble.PolicyFixtures.Worker;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Errors arrive as themselves, optionally with the caller's stack; an {@code Error} kills no pool thread. */
class PolicyErrorsTest {
  private final ThimblePool pool = startedPool("errors", 1, 100);

  @AfterEach
  void stopPool() throws InterruptedException {
    PolicyFixtures.stopNowAndAwait(List.of(pool));
  }

  @Test
  void aCheckedExceptionArrivesAsTheSameObject() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    IOException error = new IOException("disk full");
    CompletableFuture<String> call = worker.fail(error);

    assertSame(error, failure(call));
    assertSame(error, assertThrows(CompletionException.class, call::join).getCause());
    assertEquals(0, error.getSuppressed().length, "no call site unless asked for");
  }

  @Test
  void anExceptionFromSubmitArrivesAsTheSameObject() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).build();
    IllegalArgumentException error = new IllegalArgumentException("bad input");
    assertSame(error, failure(thimble.submit(w -> {
      throw error;
    })));
  }

  @Test
  void captureCallSiteAddsTheCallersStackAsASuppressedException() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).captureCallSite(true).build();
    IOException error = new IOException("disk full");
    Throwable failure = failure(thimble.proxy(AsyncWorker.class).fail(error));
    assertSame(error, failure); // the target's own exception, with where the call was made attached:
    Throwable callSite = failure.getSuppressed()[0];
    assertEquals("called AsyncWorker.fail from here", callSite.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    assertTrue(Arrays.stream(callSite.getStackTrace()).anyMatch(
            frame -> frame.getClassName().equals(PolicyErrorsTest.class.getName())
                && frame.getMethodName().equals("captureCallSiteAddsTheCallersStackAsASuppressedException")),
        "the caller's frame is in " + Arrays.toString(callSite.getStackTrace()));
  }

  @Test
  void captureCallSiteWorksForSubmitToo() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).captureCallSite(true).build();
    IllegalStateException error = new IllegalStateException("broken");
    Throwable failure = failure(thimble.submit(w -> {
      throw error;
    }));

    assertEquals("called Thimble.submit from here", failure.getSuppressed()[0].getMessage());
    assertTrue(Arrays.stream(failure.getSuppressed()[0].getStackTrace())
        .anyMatch(frame -> frame.getMethodName().equals("captureCallSiteWorksForSubmitToo")));
  }

  @Test
  void anErrorFromTheTargetFailsTheFutureAndThePoolThreadLivesOn() throws Exception {
    AsyncWorker worker = Thimble.builder(new Worker()).recordStats(true).pool(pool).build().proxy(AsyncWorker.class);
    String before = value(worker.threadName());
    AssertionError error = new AssertionError("invariant broken");

    assertSame(error, failure(worker.error(error)));
    StackOverflowError overflow = new StackOverflowError();
    assertSame(overflow, failure(worker.error(overflow)));
    assertEquals(before, value(worker.threadName()), "the same (only) pool thread runs the next call");
  }

  @Test
  void anErrorIsCountedAsAFailure() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).recordStats(true).pool(pool).build();
    failure(thimble.proxy(AsyncWorker.class).error(new OutOfMemoryError("pretend")));
    assertEquals(1, thimble.stats().failed());
    assertEquals(0, thimble.stats().running());
  }
}
