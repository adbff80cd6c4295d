package dev.thimble.examples.docs

// README:begin docs-kotlin-suspending
import dev.thimble.Thimble
import dev.thimble.coroutines.suspending
import dev.thimble.testing.FakeShutdownOwner
import dev.thimble.testing.InlinePool

interface SuspendingCar {
  suspend fun driveTo(location: String): String // runs on the pool; the caller suspends

  fun wheels(): Int // passes through, on the caller's thread
}

suspend fun suspendingFace(): List<String> {
  val pool = InlinePool() // a test double: runs each call on the caller's thread
  val owner = FakeShutdownOwner() // a test double: stops what it owns when told to
  val car = Thimble.builder(Car()).pool(pool).shutdownOwner(owner).build().suspending<SuspendingCar>()
  val seen = mutableListOf("pool started: ${pool.isStarted}") // false

  seen += car.driveTo("work") // driven to work
  seen += "wheels: ${car.wheels()}" // 4: passed through
  seen += "pool started: ${pool.isStarted}" // true: the first call started the pool...

  owner.stop()
  seen += "pool started: ${pool.isStarted}" // false: ...and its owner stopped it
  return seen
}
// README:end
