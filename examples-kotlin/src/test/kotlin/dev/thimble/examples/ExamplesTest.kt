package dev.thimble.examples

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The seed's quick start and its alarm hook print the same lines in Java and in Kotlin. */
val seedQuickStartAndHook: List<String> = listOf(
        "-- the seed's quick start, with the test doubles (the seed's FakeThreadPool, FakeReactor)",
        "pool started: false",
        "driven to work",
        "wheels: 4",
        "pool started: true",
        "pool started: false",
        "-- attribute hooks: FancyCar's alarm callback runs on the reactor thread",
        "WEE WOO WEE WOO WEE WOO WEE WOO WEE WOO",
        "sending sms... on thread reactor",
)

/** The database examples: [line] reports, as [pattern]'s group 1, at most 4 connections in use at once. */
fun assertPeakConnections(pattern: Regex, line: String) {
  val peak = pattern.matchEntire(line)?.groupValues?.get(1)?.toInt()
  assertTrue(peak != null && peak in 1..4, line)
}

class ExamplesTest {
  @Test
  fun seedTutorialWalksTheSeedsQuickStart() {
    assertEquals(
      seedQuickStartAndHook + listOf(
        "-- the same Car on a real pool: three slow drives at once",
        "driven to work",
        "driven to school",
        "driven to the sea",
        "pool cars started by the first call: true",
        "driven to the hills on 4 wheels",
      ),
      runExample { SeedTutorial.run() },
    )
  }

  @Test
  fun databaseWithFuturesComposesStaysWithinConnectionsAndCancelsABlockedQuery() {
    val lines = runExample { UsersWithFutures.run() }
    assertEquals("found Grace among 2 users", lines[0])
    assertEquals("as intended, the taken address is refused by the driver's own JdbcSQLIntegrityConstraintViolationException", lines[1])
    assertPeakConnections(Regex("""200 inserts at once: at most (\d+) connections in use \(maxConcurrency 4\); 202 users"""), lines[2])
    assertEquals(
      listOf(
        "rename cancelled: true",
        "next call on the one-thread pool: 202 users",
        "queries still waiting on a lock: 0",
      ),
      lines.drop(3),
    )
  }

  @Test
  fun contextAndMetricsCarryTheMdcAndCountEveryCall() {
    val lines = runExample { ContextAndMetrics.run() }
    for (i in 1..3) {
      assertTrue(lines[i - 1].matches(Regex("order $i for request req-$i on orders-\\d")), lines[i - 1])
    }
    assertEquals("pool threads keep no MDC between calls: null", lines[3])
    assertEquals("calls: failed=1, succeeded=15", lines[4])
    assertTrue(lines[5].startsWith("run time: 16 calls, mean "), lines[5])
    assertTrue(lines[6].startsWith("queue wait: mean "), lines[6])
    assertTrue(lines[7].startsWith("thimble stats: ThimbleStats{submitted=16, queued=0, running=0, succeeded=15, failed=1,"), lines[7])
  }

  @Test
  fun uiThreadCallbacksRunOnTheMainThread() {
    assertEquals(
      listOf(
        "[ui-main] clicked: download report.pdf",
        "[io-1] downloading report.pdf",
        "[ui-main] progress 25%",
        "[ui-main] progress 50%",
        "[ui-main] progress 75%",
        "[ui-main] progress 100%",
        "[ui-main] done: 1024 bytes",
      ),
      runExample { UiThreadCallbacks.run() },
    )
  }

  @Test
  fun virtualThreadsRunOnJdk21AndSayWhyNotBefore() {
    val lines = runExample { VirtualThreads.run() }
    if (Runtime.version().feature() < 21) {
      assertEquals(
        listOf(
          "skipped: ThimblePool.virtual(\"virtual\") needs JDK 21 or newer (virtual threads); this JVM is Java " +
            System.getProperty("java.version") + ". Use ThimblePool.builder(\"virtual\") for a pool of platform threads.",
        ),
        lines,
      )
    } else {
      assertEquals("10000 blocking calls of 20 ms each, all submitted at once (after a warm-up round):", lines[0])
      assertTrue(lines[1].matches(Regex("virtual threads +\\d+ ms, sum of results 50005000")), lines[1])
      assertTrue(lines[2].matches(Regex("200 platform threads +\\d+ ms, sum of results 50005000")), lines[2])
      assertEquals(3, lines.size)
    }
  }
}
