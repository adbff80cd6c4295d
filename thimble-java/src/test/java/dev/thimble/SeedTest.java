package dev.thimble;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.FakeShutdownOwner;
import dev.thimble.testing.InlinePool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The seed's own tests ({@code thimble/test/test_thimble.py}), ported: its {@code FakeThreadPool} is {@link
 * InlinePool}, its {@code FakeReactor} is {@link FakeShutdownOwner}, and a keyword argument becomes a positional one.
 */
class SeedTest {

  /** The seed's blocking example object. */
  public static class Example {
    public int nonBlockingProperty = 1;

    public int blockingMethod(int first, int second) {
      return first + second;
    }

    public int nonBlockingMethod(int first) {
      return first;
    }

    public int nonBlockingProperty() {
      return nonBlockingProperty;
    }
  }

  @ThimbleFace(target = Example.class)
  public interface AsyncExample {
    CompletableFuture<Integer> blockingMethod(int first, int second);

    int nonBlockingMethod(int first);

    int nonBlockingProperty();
  }

  private final InlinePool pool = new InlinePool();
  private final FakeShutdownOwner reactor = new FakeShutdownOwner();

  private Thimble<Example> thimble(Example example, Hook hook) {
    Thimble.Builder<Example> builder = Thimble.builder(example).pool(pool).shutdownOwner(reactor);
    if (hook != null) {
      builder.hook("blockingMethod", hook).hook("nonBlockingMethod", hook);
    }
    return builder.build();
  }

  @Test
  void blockingMethodGivesAFutureOfItsResult() throws Exception {
    AsyncExample example = thimble(new Example(), null).proxy(AsyncExample.class);

    CompletableFuture<Integer> result = example.blockingMethod(1, /* second= */ 2);

    assertTrue(result.isDone(), "fired synchronously: fake pool");
    assertEquals(3, result.get(10, SECONDS));
  }

  @Test
  void nonBlockingPropertyIsReturnedDirectly() {
    AsyncExample example = thimble(new Example(), null).proxy(AsyncExample.class);

    assertEquals(1, example.nonBlockingProperty());
    assertFalse(pool.isStarted(), "a pass-through member does not use the pool");
  }

  @Test
  void alreadyStartedPoolIsNotStartedAgainAndNoTriggerIsAdded() throws Exception {
    pool.start();
    AsyncExample example = thimble(new Example(), null).proxy(AsyncExample.class);

    example.blockingMethod(1, 2).get(10, SECONDS);

    assertTrue(pool.isStarted());
    assertEquals(0, reactor.registered(), "no shutdown trigger for a pool the caller started");
    reactor.stop();
    assertTrue(pool.isStarted(), "the caller's pool is the caller's to stop");
  }

  @Test
  void notStartedPoolIsStartedByTheFirstCallWithOneTriggerThatStopsIt() throws Exception {
    AsyncExample example = thimble(new Example(), null).proxy(AsyncExample.class);
    assertFalse(pool.isStarted());
    assertEquals(0, reactor.registered());

    assertEquals(3, example.blockingMethod(1, 2).get(10, SECONDS));
    assertTrue(pool.isStarted());
    assertEquals(1, reactor.registered());

    example.blockingMethod(2, 3).get(10, SECONDS);
    assertEquals(1, reactor.registered(), "one trigger, however many calls");

    reactor.stop();
    assertFalse(pool.isStarted());
    assertTrue(pool.isStopped());
    assertEquals(0, reactor.registered());
  }

  @Test
  void callAfterTheReactorStoppedFails() throws Exception {
    AsyncExample example = thimble(new Example(), null).proxy(AsyncExample.class);
    example.blockingMethod(1, 2).get(10, SECONDS);
    reactor.stop();

    CompletableFuture<Integer> late = example.blockingMethod(1, 2);

    assertEquals("pool inline is stopped; calls made after stop() are rejected",
        ErrorsTest.assertRejectedAtOnce(late).getMessage());
  }

  /** The seed's hook: the first argument 1 becomes 2. */
  private static final Hook ONE_BECOMES_TWO = (thimble, method, original) -> args -> {
    Object[] replaced = args.clone();
    if (Integer.valueOf(1).equals(replaced[0])) {
      replaced[0] = 2;
    }
    return original.invoke(replaced);
  };

  @Test
  void hookTurnsOneIntoTwoForAPlainMethod() {
    AsyncExample example = thimble(new Example(), ONE_BECOMES_TWO).proxy(AsyncExample.class);

    assertEquals(2, example.nonBlockingMethod(1));
    assertEquals(5, example.nonBlockingMethod(5));
  }

  @Test
  void hookTurnsOneIntoTwoForAnAsyncMethod() throws Exception {
    AsyncExample example = thimble(new Example(), ONE_BECOMES_TWO).proxy(AsyncExample.class);

    assertEquals(4, example.blockingMethod(1, 2).get(10, SECONDS));
  }
}
