package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** Behaviour 2: cancelling a suspended caller cancels its call, and frees the pool thread. */
class CancellationTest : FunSpec({
  test("cancelInterruptsCallBlockedInTakeAndFreesTheThread") {
    withPool("cancel", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val thimble = Thimble.of(blocker, pool)
        // README:begin cancel
        val face = thimble.suspending<SuspendingBlocker>()
        val caller = launch(start = CoroutineStart.UNDISPATCHED) { face.take() } // BlockingQueue.take() on the pool
        blocker.started.awaitOrFail()
        caller.cancelAndJoin() // interrupts the pool thread: take() throws InterruptedException
        blocker.interrupted.awaitOrFail()
        face.echo("next") shouldBe "next" // the pool's only thread is free again
        // README:end cancel
        face.isInterrupted() shouldBe false // the flag was cleared before the next call
        caller.isCancelled shouldBe true
        thimble.stats().cancelled() shouldBe 1
      }
    }
  }

  test("cancelledCallerIsResumedOnce") {
    withPool("once", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val face = Thimble.of(blocker, pool).suspending<SuspendingBlocker>()
        val resumed = AtomicInteger()
        val returned = AtomicInteger()
        val caller = launch(start = CoroutineStart.UNDISPATCHED) {
          try {
            face.take()
            returned.incrementAndGet()
          } finally {
            resumed.incrementAndGet()
          }
        }
        blocker.started.awaitOrFail()
        caller.cancelAndJoin()
        blocker.exited.awaitOrFail() // the target has given up too: nothing is left to resume the caller
        face.echo("after") shouldBe "after"
        resumed.get() shouldBe 1
        returned.get() shouldBe 0
      }
    }
  }

  test("withTimeoutCancelsTheBlockedCall") {
    withPool("timeout", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val face = Thimble.of(blocker, pool).suspending<SuspendingBlocker>()
        val caller = async(start = CoroutineStart.UNDISPATCHED) {
          withTimeout(1_000) { face.take() } // virtual time: fires once the test has nothing else to do
        }
        blocker.started.awaitOrFail() // blocks the test thread, so the timeout cannot fire before the call runs
        shouldThrow<TimeoutCancellationException> { caller.await() }
        blocker.interrupted.awaitOrFail()
        face.echo("next") shouldBe "next"
      }
    }
  }

  test("cancelRemovesAQueuedCall") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val thimble = Thimble.of(Car(), pool)
      val caller = launch(start = CoroutineStart.UNDISPATCHED) { thimble.call { car -> car.driveTo("work") } }
      pool.pending() shouldBe 1
      caller.cancelAndJoin()
      pool.pending() shouldBe 0
      pool.runAll() shouldBe 0 // it never runs
      thimble.stats().cancelled() shouldBe 1
      thimble.stats().queued() shouldBe 0
    }
  }

  test("callInterruptsItsBlockWhenCancelled") {
    withPool("call-cancel", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val thimble = Thimble.of(blocker, pool)
        val caller = launch(start = CoroutineStart.UNDISPATCHED) { thimble.call { it.take() } }
        blocker.started.awaitOrFail()
        caller.cancelAndJoin()
        blocker.interrupted.awaitOrFail()
        thimble.call { it.echo("next") } shouldBe "next"
      }
    }
  }

  test("alreadyCancelledCallerSubmitsNothing") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val thimble = Thimble.of(Car(), pool)
      val caller = launch(start = CoroutineStart.UNDISPATCHED) {
        coroutineContext[kotlinx.coroutines.Job]!!.cancel()
        thimble.call { car -> car.wheels() }
      }
      caller.join()
      caller.isCancelled shouldBe true
      thimble.stats().submitted() shouldBe 0
    }
  }

  test("cancellationArrivesAsCancellationException") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val face = Thimble.of(Car(), pool).suspending<SuspendingCar>()
      val caller = async(start = CoroutineStart.UNDISPATCHED) { face.driveTo("work") }
      caller.cancel()
      shouldThrow<CancellationException> { caller.await() }
      pool.pending() shouldBe 0
    }
  }
})
