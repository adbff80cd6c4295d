package dev.thimble.examples.docs;

// README:begin docs-testing
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.ManualPool;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WorkerTest {
  @Test
  void echoCompletesWhenThePoolRunsIt() {
    ManualPool pool = new ManualPool();                 // holds calls until the test runs them
    FakeShutdownOwner owner = new FakeShutdownOwner();  // stops what it owns when the test says so
    AsyncWorker worker = Thimble.builder(new Worker()).pool(pool).shutdownOwner(owner).build()
        .proxy(AsyncWorker.class);

    CompletableFuture<String> echo = worker.echo("hello");
    assertFalse(echo.isDone());                         // queued: nothing has run yet
    assertEquals(1, pool.pending());

    pool.runNext();                                     // runs it now, on the test's thread
    assertEquals("hello", echo.join());

    owner.stop();                                       // the owner stops the pool the first call started
    assertTrue(pool.isStopped());
  }
}
// README:end
