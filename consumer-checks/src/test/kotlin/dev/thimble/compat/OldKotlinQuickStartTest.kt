package dev.thimble.compat

import dev.thimble.Thimble
import dev.thimble.coroutines.suspending
import dev.thimble.testing.FakeShutdownOwner
import dev.thimble.testing.InlinePool
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class Car {
  fun driveTo(location: String): String = "driven to $location"
  fun wheels(): Int = 4
}

interface SuspendingCar {
  suspend fun driveTo(location: String): String
  fun wheels(): Int
}

/**
 * The README's Kotlin quick start, compiled by the oldest Kotlin compiler thimble-coroutines supports: it reads the
 * adapter's metadata ("compiled with an incompatible version of Kotlin" otherwise) and the calls work.
 */
class OldKotlinQuickStartTest {
  @Test
  fun quickStartCompilesAndRunsOnTheOldestSupportedKotlin() = runBlocking {
    val pool = InlinePool()
    val owner = FakeShutdownOwner()
    val thimble = Thimble.builder(Car()).pool(pool).shutdownOwner(owner).build()
    val car = thimble.suspending<SuspendingCar>()
    assertFalse(pool.isStarted)

    assertEquals("driven to work", car.driveTo("work"))
    assertEquals(4, car.wheels())
    assertTrue(pool.isStarted)

    owner.stop()
    assertFalse(pool.isStarted)
  }
}
