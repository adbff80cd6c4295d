package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.testing.FakeShutdownOwner
import dev.thimble.testing.InlinePool
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration.Companion.seconds

/** Behaviour 1: the seed's quick start, in Kotlin; and what a suspending face is made of. */
class QuickStartTest : FunSpec({
  test("seedQuickStartWithSuspendingFace") {
    runTest(timeout = 10.seconds) {
      val pool = InlinePool() // runs each call on the caller's thread: the seed's FakeThreadPool
      val owner = FakeShutdownOwner() // the seed's FakeReactor
      val thimble = Thimble.builder(Car()).pool(pool).shutdownOwner(owner).build()
      val car = thimble.suspending<SuspendingCar>()
      pool.isStarted shouldBe false

      car.driveTo("work") shouldBe "driven to work"
      car.wheels() shouldBe 4 // passes through
      pool.isStarted shouldBe true // the first call started the pool...

      owner.stop()
      pool.isStarted shouldBe false // ...and the owner stopped it
    }
  }

  test("callAndAsyncRunLambdasOnThePool") {
    runTest(timeout = 10.seconds) {
      val pool = ThimblePool.builder("cars").threads(0, 4).build()
      val thimble = Thimble.of(Car(), pool) // no interface needed
      val wheels: Int = thimble.call { car -> car.wheels() } // runs on the pool; the caller suspends
      val driven: Deferred<String> = thimble.async(this) { car -> car.driveTo("work") } // a child of this scope
      driven.await() shouldBe "driven to work"
      wheels shouldBe 4
      pool.close()
    }
  }

  test("suspendCallWaitsForThePool") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val car = Thimble.of(Car(), pool).suspending<SuspendingCar>()
      val driven = async(start = CoroutineStart.UNDISPATCHED) { car.driveTo("work") }
      driven.isCompleted shouldBe false
      pool.pending() shouldBe 1
      pool.runNext() shouldBe true
      driven.await() shouldBe "driven to work"
    }
  }

  test("callRunsTheBlockOnThePool") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val thimble = Thimble.of(Car(), pool)
      val wheels = async(start = CoroutineStart.UNDISPATCHED) { thimble.call { car -> car.wheels() } }
      pool.runAll() shouldBe 1
      wheels.await() shouldBe 4
      Thimble.of(Car(), InlinePool()).call { car -> car.find("none") } shouldBe null // a null result is fine
    }
  }

  test("unitNullableAndBodyMembers") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val car = Thimble.of(Car(), InlinePool()).suspending<CarWithBody>()
      car.park() shouldBe Unit
      car.find("TH-1") shouldBe "Thimble"
      car.find("none") shouldBe null
      car.commute() shouldBe "driven to work, then driven to home" // the body runs as written
      car.description shouldBe "a car"
      pool.pending() shouldBe 0
    }
  }

  test("deferredMembersStartTheCallAtOnce") {
    runTest(timeout = 10.seconds) {
      val pool = ManualPool()
      val car = Thimble.of(Car(), pool).suspending<DeferredCar>()
      val driven = car.driveTo("work")
      val parked = car.park()
      pool.pending() shouldBe 2
      pool.runAll()
      driven.await() shouldBe "driven to work"
      parked.await() shouldBe Unit
    }
  }

  test("proxyHasItsOwnEqualsHashCodeAndToString") {
    val thimble = Thimble.of(Car(), InlinePool("cars"))
    val car = thimble.suspending(SuspendingCar::class)
    (car == car) shouldBe true
    (car == thimble.suspending<SuspendingCar>()) shouldBe false
    car.hashCode() shouldBe System.identityHashCode(car)
    car.toString() shouldBe "SuspendingCar suspending proxy of Thimble[dev.thimble.coroutines.Car on pool cars]"
  }

  test("faceWithoutMatchingMethodFailsWithTheJavaProxysMessage") {
    val thimble = Thimble.of(Car(), InlinePool())
    val error = shouldThrow<IllegalArgumentException> { thimble.suspending<WrongParameters>() }
    error.message shouldBe javaProxyMessage(thimble)
  }

  test("suspendResultThatDoesNotFitFails") {
    val thimble = Thimble.of(Car(), InlinePool())
    val error = shouldThrow<IllegalArgumentException> { thimble.suspending<WrongResult>() }
    error.message shouldBe "Car.driveTo(String) returns String, which does not fit the result type Int; " +
      "declare it as String (or a supertype)\n    for method WrongResult.driveTo"
  }

  test("faceThatIsNotAnInterfaceFails") {
    val thimble = Thimble.of(Car(), InlinePool())
    val error = shouldThrow<IllegalArgumentException> { thimble.suspending<Car>() }
    error.message shouldBe "face must be an interface, but dev.thimble.coroutines.Car is a class; declare an " +
      "interface that mirrors the methods of Car"
  }

  test("faceThatIsAnArrayOrAPrimitiveFailsWithTheJavaProxysMessage") {
    val thimble = Thimble.of(Car(), InlinePool())
    val array = shouldThrow<IllegalArgumentException> { thimble.suspending<Array<String>>() }
    array.message shouldBe "face must be an interface, but String[] is an array type; declare an interface that " +
      "mirrors the methods of Car"
    array.message shouldBe shouldThrow<IllegalArgumentException> { thimble.proxy(Array<String>::class.java) }.message
    val primitive = shouldThrow<IllegalArgumentException> { thimble.suspending(Int::class) }
    primitive.message shouldBe "face must be an interface, but int is a primitive type; declare an interface that " +
      "mirrors the methods of Car"
    primitive.message shouldBe shouldThrow<IllegalArgumentException> { thimble.proxy(Int::class.java) }.message
  }

  test("flowMemberOverAMethodThatReturnsNoSourceFails") {
    val thimble = Thimble.of(Car(), InlinePool())
    val error = shouldThrow<IllegalArgumentException> { thimble.suspending<FlowOverString>() }
    error.message shouldBe "Car.driveTo(String) returns String, which a Flow cannot be made from; return " +
      "Iterator<E>, Iterable<E> or Stream<E>\n    for method FlowOverString.driveTo"
    error.message shouldContain "for method FlowOverString.driveTo"
  }
})

interface WrongParameters {
  suspend fun driveTo(location: Int): String
}

/** The Java face that fails the same way as [WrongParameters]. */
interface WrongParametersJava {
  fun driveTo(location: Int): java.util.concurrent.CompletableFuture<String>
}

private fun javaProxyMessage(thimble: Thimble<Car>): String {
  val error = shouldThrow<IllegalArgumentException> { thimble.proxy(WrongParametersJava::class.java) }
  return error.message!!.replace("WrongParametersJava", "WrongParameters")
}

interface WrongResult {
  suspend fun driveTo(location: String): Int
}

interface FlowOverString {
  fun driveTo(location: String): kotlinx.coroutines.flow.Flow<String>
}
