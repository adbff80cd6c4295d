package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.testing.FakeShutdownOwner
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext

/** Behaviour 5: the thimble's dispatcher runs on its pool, in its lane. */
class DispatcherTest : FunSpec({
  test("dispatcherIsOnePerThimble") {
    val thimble = Thimble.of(Car(), ManualPool())
    thimble.dispatcher shouldBeSameInstanceAs thimble.dispatcher
    thimble.dispatcher.toString() shouldBe "Dispatcher[$thimble]"
  }

  test("withContextRunsOnThePoolsNamedThreads") {
    withPool("cars", threads = 2) { pool ->
      runTest(timeout = 10.seconds) {
        val owner = FakeShutdownOwner()
        val thimble = Thimble.builder(Car()).pool(pool).shutdownOwner(owner).build()
        val thread = withContext(thimble.dispatcher) {
          Thread.currentThread().name // blocking code may run here: this is the thimble's pool
        }
        thread shouldMatch "cars-\\d+"
        owner.registered() shouldBe 1 // the first dispatch started the pool, for the owner to stop
      }
    }
  }

  test("maxConcurrencyOneHoldsForDispatchedCoroutines") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val thimble = Thimble.builder(Car()).pool(pool).maxConcurrency(1).build()
      val ran = mutableListOf<Int>()
      val jobs = (1..3).map { n -> launch(thimble.dispatcher) { ran += n } }
      pool.pending() shouldBe 1 // one in the pool; the others wait in the thimble's lane
      pool.runNext() shouldBe true
      ran shouldBe listOf(1)
      pool.pending() shouldBe 1 // the lane let the next one in when the first was done
      pool.runAll() shouldBe 2
      jobs.forEach { it.join() }
      ran shouldBe listOf(1, 2, 3)
    }
  }

  test("maxConcurrencyOneSerializesOnRealThreads") {
    withPool("lane", threads = 4) { pool ->
      runTest(timeout = 10.seconds) {
        val thimble = Thimble.builder(Car()).pool(pool).maxConcurrency(1).build()
        val inside = AtomicInteger()
        val most = AtomicInteger()
        (1..200).map {
          async(thimble.dispatcher) {
            val now = inside.incrementAndGet()
            most.accumulateAndGet(now, ::maxOf)
            Thread.yield()
            inside.decrementAndGet()
          }
        }.awaitAll()
        most.get() shouldBe 1
      }
    }
  }

  test("dispatchAfterStopCancelsTheCoroutineInsteadOfHanging") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool("stopped")
      val thimble = Thimble.of(Car(), pool)
      pool.start()
      pool.stop()
      var ran = false
      val error = shouldThrow<CancellationException> { withContext(thimble.dispatcher) { ran = true } }
      val rejection = generateSequence<Throwable>(error) { it.cause }.filterIsInstance<RejectedExecutionException>()
      rejection.first().message shouldBe "pool stopped is stopped; calls made after stop() are rejected"
      ran shouldBe false
    }
  }

  test("coroutineOnTheDispatcherCompletesWhenThePoolStopsUnderIt") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool("stopping")
      val thimble = Thimble.of(Car(), pool)
      val resume = CompletableDeferred<Unit>()
      var ranOn = false
      val job = launch(thimble.dispatcher) {
        resume.await()
        ranOn = true
      }
      pool.runNext() shouldBe true // the coroutine starts on the pool and suspends
      pool.stop()
      resume.complete(Unit) // resuming dispatches to the stopped pool
      job.join() // completes, cancelled, rather than waiting forever
      job.isCancelled shouldBe true
      ranOn shouldBe false
    }
  }

  test("coroutinesQueuedWhenThePoolIsStoppedNowAreCancelledInsteadOfHanging") {
    for (lane in listOf(false, true)) {
      runTest(timeout = 10.seconds) {
        val pool = ManualPool("stopping")
        val builder = Thimble.builder(Car()).pool(pool)
        val thimble = (if (lane) builder.maxConcurrency(1) else builder).build()
        var ran = 0
        val jobs = (1..2).map { launch(thimble.dispatcher) { ran++ } }
        pool.pending() shouldBe (if (lane) 1 else 2) // with a lane of one, the second waits in the lane

        pool.stopNow() // drops what is queued: each coroutine goes the way of a rejected dispatch

        jobs.joinAll()
        jobs.forEach { it.isCancelled shouldBe true }
        ran shouldBe 0
      }
    }
  }
})
