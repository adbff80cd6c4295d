package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimbleFace
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** A target whose call returns only when the test lets it, interrupted or not. */
class Stubborn {
  val started = CountDownLatch(1)
  val mayReturn = CountDownLatch(1)

  fun work(): String {
    started.countDown()
    awaitIgnoringInterrupts(mayReturn)
    return "done"
  }
}

@ThimbleFace(target = Stubborn::class)
interface SuspendingStubborn {
  suspend fun work(): String
}

private val SUSPENDING_WORK = SuspendingStubborn::class.java.getMethod("work", Continuation::class.java)
private val DRIVE_TO = SuspendingCar::class.java.getMethod("driveTo", String::class.java, Continuation::class.java)

/**
 * A caller that is a bare continuation, handed to the face's method directly: it counts every resume it gets (a
 * coroutine would throw on a second one, somewhere the test may not see), and is cancelled through [job].
 */
private class BareCaller(job: Job, reported: MutableCollection<Throwable>) : Continuation<Any?> {
  override val context: CoroutineContext = job + CoroutineExceptionHandler { _, e -> reported.add(e) }
  val resumes = AtomicInteger()

  @Volatile
  var outcome: Result<Any?>? = null

  override fun resumeWith(result: Result<Any?>) {
    outcome = result
    resumes.incrementAndGet()
  }
}

/** Starts a thread that runs [body] and reports what escapes it, or any thread's uncaught exception, to [reported]. */
private fun threadReportingTo(reported: MutableCollection<Throwable>, body: () -> Unit): Thread {
  val thread = Thread { body() }
  thread.uncaughtExceptionHandler = Thread.UncaughtExceptionHandler { _, e -> reported.add(e) }
  thread.isDaemon = true
  thread.start()
  return thread
}

private fun Thread.joinOrFail() {
  join(10_000)
  check(!isAlive) { "thread $name did not end within 10 seconds" }
}

/** Behaviour 2: cancelling a suspended caller cancels its call, and frees the pool thread. */
class CancellationTest : FunSpec({
  test("cancelInterruptsCallBlockedInTakeAndFreesTheThread") {
    withPool("cancel", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val thimble = Thimble.builder(blocker).recordStats(true).pool(pool).build()
        val face = thimble.suspending<SuspendingBlocker>()
        val caller = launch(start = CoroutineStart.UNDISPATCHED) { face.take() } // BlockingQueue.take() on the pool
        blocker.started.awaitOrFail()
        caller.cancelAndJoin() // interrupts the pool thread: take() throws InterruptedException
        blocker.interrupted.awaitOrFail()
        face.echo("next") shouldBe "next" // the pool's only thread is free again
        face.isInterrupted() shouldBe false // the flag was cleared before the next call
        caller.isCancelled shouldBe true
        thimble.stats().cancelled() shouldBe 1
      }
    }
  }

  test("callerCancelledWhileItsCallRunsIsResumedOnceWhenTheCallReturnsAnyway") {
    val reported = ConcurrentLinkedQueue<Throwable>()
    val pool = ManualPool()
    val stubborn = Stubborn()
    val face = Thimble.builder(stubborn).recordStats(true).pool(pool).build().suspending<SuspendingStubborn>()
    val job = Job()
    val caller = BareCaller(job, reported)
    SUSPENDING_WORK.invoke(face, caller) shouldBe COROUTINE_SUSPENDED
    val runner = threadReportingTo(reported) { pool.runNext() }
    stubborn.started.awaitOrFail()

    // Resumes the caller, cancelled, while the target still runs (on a thread whose uncaught exceptions are seen).
    threadReportingTo(reported) { job.cancel() }.joinOrFail()
    caller.resumes.get() shouldBe 1
    stubborn.mayReturn.countDown() // the target returns its value after all
    runner.joinOrFail()

    caller.resumes.get() shouldBe 1
    caller.outcome!!.exceptionOrNull().shouldBeInstanceOf<CancellationException>()
    reported.shouldBeEmpty()
  }

  test("callerIsResumedExactlyOnceWhenItsCallReturnsAsItIsCancelled") {
    // The call's completion (on one thread) and the caller's cancellation (on another) race, round after round; a
    // second resume would show in the caller's count, or, thrown inside the future's completion, in `reported`.
    val reported = ConcurrentLinkedQueue<Throwable>()
    val pool = ManualPool()
    val face = Thimble.builder(Car()).recordStats(true).pool(pool).build().suspending<SuspendingCar>()
    repeat(1_000) { round ->
      val job = Job()
      val caller = BareCaller(job, reported)
      DRIVE_TO.invoke(face, "work", caller) shouldBe COROUTINE_SUSPENDED
      val go = CountDownLatch(1)
      val completer = threadReportingTo(reported) { go.awaitOrFail(); pool.runNext() }
      val canceller = threadReportingTo(reported) { go.awaitOrFail(); job.cancel() }
      go.countDown()
      completer.joinOrFail()
      canceller.joinOrFail()

      withClue("round $round") {
        caller.resumes.get() shouldBe 1
        reported.shouldBeEmpty()
        val error = caller.outcome!!.exceptionOrNull()
        if (error == null) caller.outcome!!.getOrNull() shouldBe "driven to work"
        else error.shouldBeInstanceOf<CancellationException>()
      }
    }
    pool.pending() shouldBe 0 // every call ran or was removed
  }

  test("withTimeoutCancelsTheBlockedCall") {
    withPool("timeout", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val blocker = Blocker()
        val face = Thimble.builder(blocker).recordStats(true).pool(pool).build().suspending<SuspendingBlocker>()
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
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).build()
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
        val thimble = Thimble.builder(blocker).recordStats(true).pool(pool).build()
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
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).build()
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
      val face = Thimble.builder(Car()).recordStats(true).pool(pool).build().suspending<SuspendingCar>()
      val caller = async(start = CoroutineStart.UNDISPATCHED) { face.driveTo("work") }
      caller.cancel()
      shouldThrow<CancellationException> { caller.await() }
      pool.pending() shouldBe 0
    }
  }
})
