package dev.thimble.shrinktest

import dev.thimble.Thimble
import dev.thimble.ThimbleFace
import dev.thimble.ThimblePool
import dev.thimble.coroutines.suspending
import java.lang.reflect.Proxy
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/** The blocking target of the Kotlin face; nothing in the app calls its methods directly. */
class Garage {
  fun park(car: String): String = "parked $car"

  fun cars(): List<String> = listOf("red", "blue")

  fun valet(car: String): String = "valeted $car"
}

/** The Kotlin face: a suspend fun, a Flow member, a Deferred member and a member with a body. */
@ThimbleFace(target = Garage::class)
interface SuspendGarage {
  suspend fun park(car: String): String

  fun cars(): Flow<String>

  fun valet(car: String): Deferred<String>

  suspend fun parkTwice(car: String): String = park(car) + ", " + park(car)
}

object KotlinApp {
  /** Which face `proxy(...)` or `suspending()` made: the class thimble-processor generated (its name kept), or not. */
  @JvmStatic
  fun kind(face: Any): String =
    if (Proxy.isProxyClass(face.javaClass)) "reflective proxy" else "generated " + face.javaClass.simpleName

  /** The lines the Kotlin face prints, one per member. */
  @JvmStatic
  fun run(pool: ThimblePool): List<String> = runBlocking {
    Thimble.of(Garage(), pool).use { thimble ->
      val garage = thimble.suspending<SuspendGarage>()
      listOf(
        "kotlin face: " + kind(garage),
        "park: " + garage.park("green"),
        "cars: " + garage.cars().toList(),
        "valet: " + garage.valet("grey").await(),
        "parkTwice: " + garage.parkTwice("black"),
      )
    }
  }
}
