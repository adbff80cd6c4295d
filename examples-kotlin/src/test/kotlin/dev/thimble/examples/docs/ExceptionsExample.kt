package dev.thimble.examples.docs

// README:begin docs-kotlin-exceptions
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.suspending
import java.io.IOException

class Thrower {
  val broken = IllegalStateException("broken")

  fun check(): Unit = throw broken

  fun read(): String = throw IOException("disk full")
}

interface SuspendingThrower {
  suspend fun check() // runs on the pool; what the target throws arrives as itself

  @Throws(IOException::class) // passes through: declare what it throws, or it arrives wrapped
  fun read(): String
}

suspend fun sameExceptions(): String {
  val thrower = Thrower()
  val face = Thimble.of(thrower, ThimblePool.builder("throws").threads(0, 1).build()).suspending<SuspendingThrower>()
  val check = try {
    face.check()
    "no exception"
  } catch (e: IllegalStateException) {
    "the very object: ${e === thrower.broken}"
  }
  val read = try {
    face.read()
  } catch (e: IOException) {
    "read failed: ${e.message}"
  }
  return "$check, $read"
}
// README:end
