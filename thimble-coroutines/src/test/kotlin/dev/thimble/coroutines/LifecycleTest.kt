package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.internal.ScopeShutdownOwner
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.job
import kotlinx.coroutines.test.runTest

/** Behaviour 7: a pool owned by a scope stops with it, and leaves no thread behind. */
class LifecycleTest : FunSpec({
  test("scopeCancellationStopsTheOwnedPoolAndItsThreads") {
    runTest(timeout = 10.seconds) {
      val scope = CoroutineScope(SupervisorJob())
      val pool = ThimblePool.builder("owned").threads(2, 2).build()
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).shutdownOwner(scope.asShutdownOwner()).build()

      thimble.async { car -> car.driveTo("work") }.await() shouldBe "driven to work" // starts the pool
      scope.cancel() // the pool stops once the scope's coroutines have ended
      pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
      pool.isStopped shouldBe true
      liveThreadsOf("owned").shouldBeEmpty()
    }
  }

  test("closingTheThimbleRemovesItsStopFromTheScope") {
    runTest(timeout = 10.seconds) {
      val scope = CoroutineScope(SupervisorJob())
      val owner = scope.asShutdownOwner() as ScopeShutdownOwner
      val pool = ThimblePool.builder("closed-early").threads(1, 1).build()
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).shutdownOwner(owner).build()
      thimble.call { it.wheels() } shouldBe 4
      owner.registered() shouldBe 1

      thimble.close() // stops the pool now: the scope, which may live for the whole app, need not keep it
      pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
      owner.registered() shouldBe 0

      val kept = CountDownLatch(1)
      owner.onShutdown { kept.countDown() }
      owner.registered() shouldBe 1
      scope.cancel()
      kept.awaitOrFail()
      owner.registered() shouldBe 0
    }
  }

  test("scopeCompletionStopsTheOwnedPool") {
    runTest(timeout = 10.seconds) {
      val job = Job()
      val pool = ThimblePool.builder("completed").threads(1, 1).build()
      val thimble = Thimble.builder(Car()).recordStats(true)
          .pool(pool).shutdownOwner(CoroutineScope(job).asShutdownOwner()).build()
      thimble.call { it.wheels() } shouldBe 4
      pool.isStarted shouldBe true
      job.complete()
      pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
      liveThreadsOf("completed").shouldBeEmpty()
    }
  }

  test("poolStartedAfterTheScopeEndedStopsAtOnce") {
    runTest(timeout = 10.seconds) {
      val scope = CoroutineScope(Job())
      scope.cancel()
      val pool = ThimblePool.builder("late").threads(1, 1).build()
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).shutdownOwner(scope.asShutdownOwner()).build()
      thimble.call { it.wheels() } shouldBe 4 // the call was accepted before the stop began
      pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
    }
  }

  test("asyncWithoutAScopeRunsInTheOwnersScope") {
    runTest(timeout = 10.seconds) {
      val scope = CoroutineScope(SupervisorJob())
      val pool = ManualPool()
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).shutdownOwner(scope.asShutdownOwner()).build()
      val driven = thimble.async { car -> car.driveTo("work") }
      scope.coroutineContext.job.children.toList() shouldContain driven
      scope.cancel()
      shouldThrow<CancellationException> { driven.await() }
      pool.pending() shouldBe 0 // the queued call went with it
    }
  }

  test("asyncInAGivenScopeIsItsChild") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).build()
      val scope = CoroutineScope(SupervisorJob())
      val driven = thimble.async(scope) { car -> car.driveTo("work") }
      scope.coroutineContext.job.children.toList() shouldContain driven
      pool.runAll()
      driven.await() shouldBe "driven to work"
      scope.cancel()
    }
  }

  test("asyncWithoutAnyScopeIsCancelledByItsCaller") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val thimble = Thimble.builder(Car()).recordStats(true).pool(pool).build()
      val driven = thimble.async { car -> car.driveTo("work") }
      pool.pending() shouldBe 1
      driven.cancel()
      pool.pending() shouldBe 0
      thimble.stats().cancelled() shouldBe 1
    }
  }

  @OptIn(DelicateCoroutinesApi::class)
  test("scopeWithoutAJobCannotOwnPools") {
    val error = shouldThrow<IllegalArgumentException> { GlobalScope.asShutdownOwner() }
    error.message shouldBe "scope has no Job, so it never completes and could not stop a pool: $GlobalScope; use a " +
      "scope with a Job, such as CoroutineScope(SupervisorJob())"
  }
})
