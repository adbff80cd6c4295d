package dev.thimble.examples.docs

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Runs the Kotlin examples that docs/kotlin.md shows whole, and checks what they say they do. */
class DocsKotlinExamplesTest {
  @Test
  fun theSuspendingFaceStartsThePoolThatItsOwnerStops() = runBlocking {
    assertEquals(
      listOf("pool started: false", "driven to work", "wheels: 4", "pool started: true", "pool started: false"),
      suspendingFace(),
    )
  }

  @Test
  fun callAndAsyncNeedNoInterface() = runBlocking {
    assertEquals("4 wheels, driven to work", callAndAsync())
  }

  @Test
  fun aFlowReadsNothingAheadAndClosesItsIterator() = runBlocking {
    assertEquals("[0, 1, 2], [one, two, three]; pulled 3 of a million, closed 1 time", firstThree())
  }

  @Test
  fun cancellingTheCallerFreesTheOnlyThread() = runBlocking {
    assertEquals("cancelled: true, next call: next", cancelABlockedCall())
  }

  @Test
  fun exceptionsArriveAsThemselves() = runBlocking {
    assertEquals("the very object: true, read failed: disk full", sameExceptions())
  }

  @Test
  fun theDispatcherRunsOnThePool() = runBlocking {
    val thread = onTheDispatcher() // under -ea, kotlinx's debug mode adds " @coroutine#n" to the name
    assertTrue(thread.matches(Regex("cars-\\d+( @coroutine#\\d+)?")), thread)
  }

  @Test
  fun aScopeStopsThePoolItOwns() = runBlocking {
    assertEquals("driven to work; pool stopped with its scope: true", scopeOwnsThePool())
  }

  @Test
  fun futuresAndDeferredsConvertBothWays() = runBlocking {
    assertEquals("driven to work, driven to work, driven to home", interop())
  }
}
