package dev.thimble.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the Java examples that docs/*.md show whole, and checks what they say they do. */
class DocsExamplesTest {
  @Test
  void submitRunsALambdaOnThePool() throws Exception {
    assertEquals("hello from a lambda", SubmitExample.run());
  }

  @Test
  void completeOnRunsChainedStagesOnTheGivenExecutor() throws Exception {
    ExecutorService main = Executors.newSingleThreadExecutor(r -> new Thread(r, "main-loop"));
    try {
      assertEquals("hello arrived on main-loop", CompleteOnExample.run(main));
    } finally {
      main.shutdown();
      assertTrue(main.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aLaneOfOneRunsTheSecondCallAfterTheFirst() throws Exception {
    assertEquals("first then second, b ran early: false", LaneExample.run());
  }

  @Test
  void cancellingFreesTheOnlyThreadForTheNextCall() throws Exception {
    assertEquals("cancelled: true, next call: next", CancelExample.run());
  }

  @Test
  void aPerMethodTimeoutFailsTheCallWithTimeoutException() throws Exception {
    String outcome = TimeoutExample.run();
    assertTrue(outcome.startsWith("java.util.concurrent.TimeoutException: AsyncWorker.take timed out after 250 "
        + "milliseconds (counted from submission; the call was "), outcome);
  }

  @Test
  void aFullPoolRefusesTheCallAndSubmitWhenRoomWaits() throws Exception {
    assertEquals("pool db is full: 1 of 1 threads busy and 1 calls queued (queueCapacity 1); raise threads(min, "
        + "max) or queueCapacity(n), or bound callers with maxConcurrency(n)\n"
        + "released, queued, waited for room (it waited: true)", AdmissionExample.run());
  }

  @Test
  void theTargetsOwnExceptionCarriesTheCallSite() throws Exception {
    assertEquals("true: disk full, called AsyncWorker.fail from here", CallSiteExample.run());
  }

  @Test
  void aThreadLocalReachesThePoolThread() throws Exception {
    assertTrue(ContextExample.run().matches("request-42 on work-\\d+"));
  }

  @Test
  void theListenerHearsEachCallAndTheStatsAddUp() {
    assertEquals(List.of("echo succeeded", "fail failed: disk full",
        "2 submitted: 1 succeeded, 1 failed, 0 queued, 0 running"), ListenerExample.run());
  }

  @Test
  void aVirtualPoolRunsCallsOnNamedVirtualThreadsOrSaysItNeedsJdk21() throws Exception {
    if (Runtime.version().feature() < 21) {
      UnsupportedOperationException e =
          org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, VirtualExample::run);
      assertTrue(e.getMessage().contains("needs JDK 21 or newer"), e.getMessage());
    } else {
      assertEquals("io-1 (virtual)", VirtualExample.run());
    }
  }
}
