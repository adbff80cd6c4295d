package dev.thimble.coroutines

import dev.thimble.Thimble
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.util.concurrent.ExecutionException
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest

/** Behaviour 4: a suspending caller of a full pool waits for room instead of failing. */
class BackpressureTest : FunSpec({
  test("suspendingCallerWaitsForRoomWhereTheJavaFaceIsRejected") {
    withPool("full", threads = 1, queueCapacity = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val thimble = Thimble.builder(blocker).recordStats(true).pool(pool).build()
        val face = thimble.suspending<SuspendingBlocker>()
        val running = async(start = CoroutineStart.UNDISPATCHED) { face.take() }
        blocker.started.awaitOrFail()
        val queued = async(start = CoroutineStart.UNDISPATCHED) { face.echo("queued") } // fills the queue

        val rejected = thimble.submit { it.echo("java") } // the Java face fails fast
        val error = shouldThrow<ExecutionException> { rejected.get(10, TimeUnit.SECONDS) }
        (error.cause as RejectedExecutionException).message shouldStartWith "pool full is full"

        val waiting = async(start = CoroutineStart.UNDISPATCHED) { face.echo("waited") } // suspends instead
        waiting.isActive shouldBe true
        thimble.stats().queued() shouldBe 2

        blocker.put("ran")
        running.await() shouldBe "ran"
        queued.await() shouldBe "queued"
        waiting.await() shouldBe "waited"
        thimble.stats().rejected() shouldBe 1
      }
    }
  }

  test("cancelWhileWaitingForRoomLeavesNothingQueued") {
    withPool("room", threads = 1, queueCapacity = 0) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val thimble = Thimble.builder(blocker).recordStats(true).pool(pool).build()
        val echoes = java.util.concurrent.atomic.AtomicInteger()
        val running = async(start = CoroutineStart.UNDISPATCHED) { thimble.call { it.take() } }
        blocker.started.awaitOrFail()
        val waiting = launch(start = CoroutineStart.UNDISPATCHED) {
          thimble.call { echoes.incrementAndGet() }
        }
        thimble.stats().queued() shouldBe 1
        waiting.cancelAndJoin()
        thimble.stats().queued() shouldBe 0
        thimble.stats().cancelled() shouldBe 1

        blocker.put("done")
        running.await() shouldBe "done"
        thimble.call { it.echo("after") } shouldBe "after" // the pool ran what was left in order...
        echoes.get() shouldBe 0 // ...and nothing for the cancelled caller
        thimble.stats().succeeded() shouldBe 2
      }
    }
  }
})
