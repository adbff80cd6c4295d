package dev.thimble;

import static dev.thimble.PolicyFixtures.failure;
import static dev.thimble.PolicyFixtures.startedPool;
import static dev.thimble.PolicyFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.thimble.PolicyFixtures.Gate;
import dev.thimble.PolicyFixtures.Worker;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Context propagation: the caller's thread-bound context is on the pool thread during the call, and only then. */
class PolicyContextTest {
  /** An MDC-style request id. */
  private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

  /** One thread, so every call below runs on the same pool thread as the ones before it. */
  private final ThimblePool pool = startedPool("context", 1, 100);

  @AfterEach
  void cleanUp() throws InterruptedException {
    REQUEST_ID.remove();
    PolicyFixtures.stopNowAndAwait(List.of(pool));
  }

  /** What the pool thread's own thread-local holds, read by a plain task, outside any call. */
  private String poolThreadsOwnValue() throws Exception {
    CompletableFuture<String> own = new CompletableFuture<>();
    pool.execute(() -> own.complete(String.valueOf(REQUEST_ID.get())));
    return value(own);
  }

  @Test
  void theCallSeesTheCallersValueAndThePoolThreadGetsItsOwnBack() throws Exception {
    pool.execute(() -> REQUEST_ID.set("the pool thread's own"));
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool)
        .propagate(ContextPropagator.threadLocal(REQUEST_ID)) // MDC, a tracing span: write a ContextPropagator
        .build();
    REQUEST_ID.set("request-42");
    CompletableFuture<String> seen = thimble.submit(w -> REQUEST_ID.get()); // runs on a pool thread
    assertEquals("request-42", value(seen));

    assertEquals("the pool thread's own", poolThreadsOwnValue());
  }

  @Test
  void theValueIsGoneFromThePoolThreadAfterTheCall() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool)
        .propagate(ContextPropagator.threadLocal(REQUEST_ID)).build();
    REQUEST_ID.set("request-1");
    assertEquals("request-1", value(thimble.submit(w -> REQUEST_ID.get())));

    assertEquals("null", poolThreadsOwnValue());
    REQUEST_ID.remove();
    assertNull(value(thimble.submit(w -> REQUEST_ID.get())), "a caller without a value passes none on");
  }

  @Test
  void theValueIsGoneAfterTheCallThrows() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool)
        .propagate(ContextPropagator.threadLocal(REQUEST_ID)).build();
    REQUEST_ID.set("request-2");
    IllegalStateException error = new IllegalStateException("failed with " + REQUEST_ID.get());
    CompletableFuture<String> call = thimble.submit(w -> {
      throw error;
    });

    assertSame(error, failure(call));
    assertEquals("null", poolThreadsOwnValue());
  }

  @Test
  void theValueIsGoneAfterTheCallIsCancelled() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool)
        .propagate(ContextPropagator.threadLocal(REQUEST_ID)).build();
    REQUEST_ID.set("request-3");
    Gate gate = new Gate();
    List<String> seenByCall = new CopyOnWriteArrayList<>();
    CompletableFuture<String> call = thimble.submit(w -> {
      seenByCall.add(REQUEST_ID.get());
      return w.block(gate);
    });
    gate.awaitStarted();
    call.cancel(true);
    gate.awaitFinished();

    assertEquals(Arrays.asList("request-3"), seenByCall);
    assertEquals("null", poolThreadsOwnValue());
  }

  @Test
  void severalPropagatorsRestoreInOrderAndCloseInReverse() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool)
        .propagate(recording("a", events))
        .propagate(recording("b", events))
        .build();
    value(thimble.submit(w -> events.add("call")));

    assertEquals(Arrays.asList("capture a", "capture b", "restore a", "restore b", "call", "close b", "close a"),
        events);
  }

  @Test
  void aPropagatorThatFailsToCaptureRefusesTheCall() throws Exception {
    IllegalStateException broken = new IllegalStateException("no context here");
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool).propagate(() -> {
      throw broken;
    }).build();
    CompletableFuture<String> call = thimble.submit(w -> "never");

    RejectedExecutionException e = assertInstanceOf(RejectedExecutionException.class, failure(call));
    assertEquals("a ContextPropagator failed to capture: " + broken, e.getMessage());
    assertSame(broken, e.getCause());
  }

  @Test
  void aScopeThatFailsToCloseFailsTheCallAndTheOthersStillClose() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    IllegalStateException closeFailed = new IllegalStateException("close failed");
    Thimble<Worker> thimble = Thimble.builder(new Worker()).pool(pool)
        .propagate(recording("a", events))
        .propagate(() -> () -> () -> {
          throw closeFailed;
        })
        .build();

    assertSame(closeFailed, failure(thimble.submit(w -> "value")));
    assertEquals(Arrays.asList("capture a", "restore a", "close a"), events);
  }

  private static ContextPropagator recording(String name, List<String> events) {
    return () -> {
      events.add("capture " + name);
      return () -> {
        events.add("restore " + name);
        return () -> events.add("close " + name);
      };
    };
  }
}
