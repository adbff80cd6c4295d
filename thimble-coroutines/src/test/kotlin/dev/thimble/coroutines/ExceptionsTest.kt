package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.testing.InlinePool
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.io.IOException
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest

/** Behaviour 3: the target's exceptions arrive as themselves. */
class ExceptionsTest : FunSpec({
  test("checkedExceptionArrivesAsItselfWhenTheCallFailsAtOnce") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val face = Thimble.of(thrower, InlinePool()).suspending<SuspendingThrower>() // fails before it suspends
      val error = shouldThrow<IOException> { face.read() } // never an UndeclaredThrowableException
      error shouldBeSameInstanceAs thrower.checked
    }
  }

  test("checkedExceptionArrivesAsItselfAfterSuspending") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val pool = ManualPool()
      val face = Thimble.of(thrower, pool).suspending<SuspendingThrower>()
      val read = async(start = CoroutineStart.UNDISPATCHED) { runCatching { face.read() }.exceptionOrNull() }
      pool.runAll()
      read.await() shouldBeSameInstanceAs thrower.checked // even with kotlinx's stack-trace recovery on (-ea)
    }
  }

  test("uncheckedExceptionArrivesAsItself") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val thimble = Thimble.of(thrower, InlinePool())
      val face = thimble.suspending<SuspendingThrower>()
      val error = shouldThrow<IllegalStateException> { face.check() }
      error shouldBeSameInstanceAs thrower.unchecked // the very object the target threw
      shouldThrow<IllegalStateException> { thimble.call { it.check() } } shouldBeSameInstanceAs thrower.unchecked
      shouldThrow<IOException> { thimble.call { it.read() } } shouldBeSameInstanceAs thrower.checked
    }
  }

  test("deferredFailsWithTheTargetsException") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val pool = ManualPool()
      val face = Thimble.of(thrower, pool).suspending<SuspendingThrower>()
      val later = face.later()
      pool.runAll()
      val error = shouldThrow<IllegalStateException> { later.await() }
      // Deferred.await() itself rethrows a copy, caused by the original, when kotlinx's stack-trace recovery is on.
      (if (error === thrower.unchecked) error else error.cause) shouldBeSameInstanceAs thrower.unchecked
    }
  }

  test("targetsCancellationExceptionReachesTheCallerAndLeavesTheParentRunning") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val face = Thimble.of(thrower, InlinePool()).suspending<SuspendingThrower>()
      coroutineScope {
        // The caller sees the target's own exception and can catch it...
        val caught = runCatching { face.cancel() }.exceptionOrNull()
        caught shouldBeSameInstanceAs thrower.cancellation
        // ...and if it does not, only the calling coroutine ends, as cancelled: the parent and its other
        // children go on, and nothing is reported as a failure.
        val caller = launch { face.cancel() }
        val sibling = async { "still running" }
        caller.join()
        caller.isCancelled shouldBe true
        sibling.await() shouldBe "still running"
        isActive shouldBe true
      }
    }
  }
})
