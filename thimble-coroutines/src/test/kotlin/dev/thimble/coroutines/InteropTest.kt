package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.testing.InlinePool
import dev.thimble.testing.ManualPool
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CompletableFuture
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.future.asCompletableFuture
import kotlinx.coroutines.future.asDeferred
import kotlinx.coroutines.future.await
import kotlinx.coroutines.test.runTest

/** The Java face's futures for coroutines, and the Kotlin faces for Java callers, through kotlinx.coroutines.future. */
interface FutureCar {
  fun driveTo(location: String): CompletableFuture<String>
}

class InteropTest : FunSpec({
  test("futuresAndDeferredsConvertBothWays") {
    runTest(timeout = 10.seconds) {
      val thimble = Thimble.of(Car(), InlinePool())
      val future: CompletableFuture<String> = thimble.proxy(FutureCar::class.java).driveTo("work") // Java face
      future.await() shouldBe "driven to work" // suspends until the future completes
      val deferred: Deferred<String> = future.asDeferred()
      deferred.await() shouldBe "driven to work"

      val forJava: CompletableFuture<String> = thimble.async { car -> car.driveTo("home") }.asCompletableFuture()
      forJava.join() shouldBe "driven to home"
    }
  }

  test("cancellingAnAwaitCancelsTheJavaFacesCall") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val future = Thimble.of(Car(), pool).proxy(FutureCar::class.java).driveTo("work")
      val waiting = async(start = CoroutineStart.UNDISPATCHED) { future.await() }
      waiting.cancel()
      future.isCancelled shouldBe true
      pool.pending() shouldBe 0
    }
  }
})
