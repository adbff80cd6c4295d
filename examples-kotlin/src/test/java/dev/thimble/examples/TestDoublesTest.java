package dev.thimble.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.examples.SeedTutorial.AsyncCar;
import dev.thimble.examples.SeedTutorial.Car;
import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.ManualPool;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** How a user tests code built on thimble with the test doubles (docs/testing.md shows the same with a Worker). */
class TestDoublesTest {
  @Test
  void driveCompletesWhenThePoolRunsIt() {
    ManualPool pool = new ManualPool();                 // holds calls until the test runs them
    FakeShutdownOwner owner = new FakeShutdownOwner();
    AsyncCar car = Thimble.builder(new Car()).pool(pool).shutdownOwner(owner).build().proxy(AsyncCar.class);

    CompletableFuture<String> drive = car.driveTo("work");
    assertFalse(drive.isDone());                        // queued: nothing has run yet
    assertEquals(1, pool.pending());

    pool.runNext();                                     // runs it now, on the test's thread
    assertEquals("driven to work", drive.join());

    owner.stop();                                       // the owner stops the pool the first call started
    assertTrue(pool.isStopped());
  }

  @Test
  void cancelledQueuedCallNeverRuns() {
    ManualPool pool = new ManualPool();
    AsyncCar car = Thimble.builder(new Car()).pool(pool).shutdownOwner(new FakeShutdownOwner()).build()
        .proxy(AsyncCar.class);
    CompletableFuture<String> drive = car.driveTo("work");
    assertTrue(drive.cancel(true));
    assertEquals(0, pool.pending());
    assertEquals(0, pool.runAll());
  }
}
