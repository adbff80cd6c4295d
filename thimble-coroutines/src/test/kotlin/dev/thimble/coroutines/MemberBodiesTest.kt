package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.testing.InlinePool
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.io.IOException
import java.lang.reflect.UndeclaredThrowableException
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

/** Members with bodies over [Thrower], whose `read()` throws a checked `IOException`. */
interface ThrowerWithBodies {
  @Throws(IOException::class)
  fun read(): String // passes through; declares what it throws, so a proxy may throw it
  suspend fun readTwice(): String = read() + read() // fails before it suspends
}

/** The same, with JVM `default` methods. */
@JvmDefaultWithoutCompatibility
interface ThrowerWithDefaultMethods {
  @Throws(IOException::class)
  fun read(): String
  suspend fun readTwice(): String = read() + read()
}

/** A pass-through member that does not declare the checked exception its target throws. */
interface ThrowerWithoutThrows {
  fun read(): String
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

  test("suspendBodyThatFailsBeforeItSuspendsFailsWithTheCheckedExceptionItself") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val face = Thimble.of(thrower, InlinePool()).suspending<ThrowerWithBodies>()
      val error = shouldThrow<IOException> { face.readTwice() } // never an UndeclaredThrowableException
      error shouldBeSameInstanceAs thrower.checked
    }
  }

  test("suspendDefaultMethodThatFailsBeforeItSuspendsFailsWithTheCheckedExceptionItself") {
    runTest(timeout = 10.seconds) {
      val thrower = Thrower()
      val face = Thimble.of(thrower, InlinePool()).suspending<ThrowerWithDefaultMethods>()
      val error = shouldThrow<IOException> { face.readTwice() }
      error shouldBeSameInstanceAs thrower.checked
    }
  }

  test("passThroughMemberThrowsACheckedExceptionAsItselfOnlyIfItDeclaresIt") {
    val thrower = Thrower()
    val declared = Thimble.of(thrower, InlinePool()).suspending<ThrowerWithBodies>()
    shouldThrow<IOException> { declared.read() } shouldBeSameInstanceAs thrower.checked
    // Without @Throws, Java's proxy wraps it: the documented limit of members that are not suspend.
    val undeclared = Thimble.of(thrower, InlinePool()).suspending<ThrowerWithoutThrows>()
    val error = shouldThrow<UndeclaredThrowableException> { undeclared.read() }
    error.cause shouldBeSameInstanceAs thrower.checked
  }
})
