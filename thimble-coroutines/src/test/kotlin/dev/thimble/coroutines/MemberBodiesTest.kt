package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.testing.InlinePool
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.test.runTest

/**
 * A face whose bodies are JVM `default` methods, as a Java interface's are: no `DefaultImpls` class, so the proxy
 * must call the default methods themselves.
 */
@JvmDefaultWithoutCompatibility
interface CarWithDefaultMethods {
  fun wheels(): Int
  suspend fun driveTo(location: String): String
  fun describe(): String = "a car on ${wheels()} wheels"
  suspend fun commute(): String = driveTo("work") + ", then " + driveTo("home")
}

/** The same, but not public (a top-level `private` interface is package-private to the JVM). */
@JvmDefaultWithoutCompatibility
private interface HiddenCarWithDefaultMethods {
  fun wheels(): Int
  suspend fun driveTo(location: String): String
  fun describe(): String = "a hidden car on ${wheels()} wheels"
  suspend fun commute(): String = driveTo("work") + ", then " + driveTo("home")
}

/** Members with bodies run as written: Kotlin's `DefaultImpls` and JVM `default` methods alike. */
class MemberBodiesTest : FunSpec({
  test("jvmDefaultMethodsRunAsWritten") {
    runTest(timeout = 10.seconds) {
      // What makes these faces Java-like: the bodies are default methods, with nothing in DefaultImpls.
      CarWithDefaultMethods::class.java.getMethod("describe").isDefault shouldBe true
      shouldThrow<ClassNotFoundException> { Class.forName(CarWithDefaultMethods::class.java.name + "\$DefaultImpls") }

      val pool = ManualPool()
      val car = Thimble.of(Car(), pool).suspending<CarWithDefaultMethods>()
      car.describe() shouldBe "a car on 4 wheels"
      // Unconfined: each call's completion resumes the body at once, here, so it submits its next call.
      val commute = async(Dispatchers.Unconfined) { car.commute() }
      pool.runNext() shouldBe true // the body suspended in its first call, on the pool...
      pool.runNext() shouldBe true // ...and went on to its second
      commute.await() shouldBe "driven to work, then driven to home"
    }
  }

  test("defaultMethodsOfAFaceThatIsNotPublicRunAsWritten") {
    runTest(timeout = 10.seconds) {
      val car = Thimble.of(Car(), InlinePool()).suspending<HiddenCarWithDefaultMethods>()
      car.describe() shouldBe "a hidden car on 4 wheels"
      car.commute() shouldBe "driven to work, then driven to home"
    }
  }
})
