package dev.thimble.examples

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class KotlinExamplesTest {
  @Test
  fun kotlinSeedTutorialWalksTheSeedsQuickStartWithSuspendFunctions() {
    assertEquals(
      seedQuickStartAndHook + listOf(
        "-- the same Car on a real pool owned by a coroutine scope: three slow drives at once",
        "driven to work",
        "driven to school",
        "driven to the sea",
        "pool cars stopped with its scope: true",
      ),
      runExample { KotlinSeedTutorial.run() },
    )
  }

  @Test
  fun databaseWithCoroutinesStreamsStaysWithinConnectionsAndCancelsABlockedQuery() {
    val lines = runExample { UsersWithCoroutines.run() }
    assertEquals(
      "101 coroutines inserted 101 users; found User[id=1, name=Ada, email=ada@example.com]",
      lines[0],
    )
    assertEquals("as intended, the taken address is refused by the driver's own JdbcSQLIntegrityConstraintViolationException", lines[1])
    assertEquals("streamed User[id=1, name=Ada, email=ada@example.com]", lines[2])
    for (i in 3..4) {
      assertTrue(lines[i].matches(Regex("streamed User\\[id=${i - 1}, name=user (\\d+), email=user\\1@example.com]")), lines[i])
    }
    assertEquals("cursors left open: 0", lines[5])
    assertPeakConnections(Regex("""at most (\d+) connections in use at once \(maxConcurrency 4\)"""), lines[6])
    assertEquals(
      listOf(
        "call: 101, async: 101, dispatcher ran on pool: db",
        "rename cancelled: true",
        "next call on the one-thread pool: 101 users",
        "queries still waiting on a lock: 0",
      ),
      lines.drop(7),
    )
  }
}
