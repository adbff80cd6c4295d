package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.testing.InlinePool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeoutOrNull

/** A pool that tells the test each task it was handed, after handing it on. */
private class WatchedPool(private val pool: ThimblePool) : ThimblePool by pool {
  val handed = LinkedBlockingQueue<Runnable>()

  override fun execute(task: Runnable) {
    pool.execute(task)
    handed.put(task)
  }

  override fun executeWhenRoom(task: Runnable) {
    pool.executeWhenRoom(task)
    handed.put(task)
  }

  fun awaitHanded(count: Int) {
    repeat(count) { checkNotNull(handed.poll(10, TimeUnit.SECONDS)) { "the pool was not handed task ${it + 1}" } }
  }
}

/** The completion guarantee in the adapter (issue 11): a Flow's source is closed always; a cancelled caller calls nothing. */
class CompletionGuaranteeTest : FunSpec({
  test("aFlowsSourceIsClosedWhenThePoolIsStoppedNowWhileTheCloseWaits") {
    val pool = WatchedPool(ThimblePool.builder("closing").threads(1, 1).queueCapacity(10).build())
    try {
      runBlocking {
        val rows = Rows()
        val face = Thimble.builder(rows).recordStats(true).pool(pool).build().suspending<SuspendingRows>()
        val blocker = Blocker()
        val other = Thimble.builder(blocker).recordStats(true)
            .pool(pool).build() // another user of the pool holds its only thread
        val outcome = async(Dispatchers.Default) {
          runCatching { face.numbers().take(1).collect { other.submit { it.take() }; blocker.started.awaitOrFail() } }
        }
        pool.awaitHanded(4) // the open, the pull, the other call, and the close, queued behind it

        pool.stopNow()

        outcome.await().exceptionOrNull().shouldBeNull()
        rows.closed.get() shouldBe 1
      }
    } finally {
      pool.stopNow()
      check(pool.awaitStopped(10, TimeUnit.SECONDS))
    }
  }

  test("aFlowsCloseWaitsForALaneHeldByACallThatIgnoresInterruptsAndIsNotEndedByTheTimeout") {
    withPool("lane-held", threads = 2) { pool ->
      runBlocking {
        val rows = Rows()
        val thimble = Thimble.builder(rows).recordStats(true)
            .pool(pool).maxConcurrency(1).timeout(500, TimeUnit.MILLISECONDS).build()
        val face = thimble.suspending<SuspendingRows>()
        val stuckStarted = CountDownLatch(1)
        val letGo = CountDownLatch(1)
        val outcome = async(Dispatchers.Default) {
          runCatching {
            face.numbers().take(1).collect {
              thimble.submit { stuckStarted.countDown(); awaitIgnoringInterrupts(letGo) }
              stuckStarted.awaitOrFail()
            }
          }
        }
        // The close waits in the lane behind the stuck call, which its timeout interrupts in vain. Were the close a
        // call with the thimble's timeout, it would end unrun within this wait and the source would leak.
        withTimeoutOrNull(2_000) { outcome.join() }.shouldBeNull()
        rows.closed.get() shouldBe 0

        letGo.countDown()

        outcome.await().exceptionOrNull().shouldBeNull()
        rows.closed.get() shouldBe 1
      }
    }
  }

  test("aSuspendingMemberCalledFromACancelledCoroutineSubmitsNothing") {
    runTest(timeout = 10.seconds) {
      val thimble = Thimble.builder(Blocker()).recordStats(true).pool(InlinePool()).build()
      val face = thimble.suspending<SuspendingBlocker>()
      val job = launch {
        cancel()
        face.echo("too late")
      }
      job.join()
      job.isCancelled shouldBe true
      thimble.stats().submitted() shouldBe 0
    }
  }

  test("asyncInACancelledScopeSubmitsNothing") {
    runTest(timeout = 10.seconds) {
      val thimble = Thimble.builder(Blocker()).recordStats(true).pool(InlinePool()).build()
      val scope = CoroutineScope(Job())
      scope.cancel()
      val deferred = thimble.async(scope) { it.echo("too late") }
      shouldThrow<CancellationException> { deferred.await() }
      thimble.stats().submitted() shouldBe 0
    }
  }

  test("aFlowCollectedFromACancelledCoroutineOpensNothing") {
    runTest(timeout = 10.seconds) {
      val rows = Rows()
      val thimble = Thimble.builder(rows).recordStats(true).pool(InlinePool()).build()
      val face = thimble.suspending<SuspendingRows>()
      val job = launch {
        cancel()
        face.numbers().toList()
      }
      job.join()
      thimble.stats().submitted() shouldBe 0
      rows.pulled.get() shouldBe 0
    }
  }
})
