package dev.thimble.coroutines

import dev.thimble.ThimbleFace
import dev.thimble.ThimblePool
import java.io.IOException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Deferred

/** The seed's blocking object. */
class Car {
  fun driveTo(location: String): String = "driven to $location" // assume the real implementation blocks
  fun wheels(): Int = 4
  fun park() {}
  fun find(plate: String): String? = if (plate == "TH-1") "Thimble" else null
}

@ThimbleFace(target = Car::class)
interface SuspendingCar {
  suspend fun driveTo(location: String): String // runs on the pool; the caller suspends
  fun wheels(): Int // passes through, on the caller's thread
}

/** `Deferred` members, over [Car]. */
@ThimbleFace(target = Car::class)
interface DeferredCar {
  fun driveTo(location: String): Deferred<String>
  fun park(): Deferred<Unit>
}

/** `Unit` and nullable results, and a member with a body, over [Car]. */
@ThimbleFace(target = Car::class)
interface CarWithBody {
  suspend fun park()
  suspend fun find(plate: String): String?
  suspend fun driveTo(location: String): String
  suspend fun commute(): String = driveTo("work") + ", then " + driveTo("home")
  val description: String get() = "a car"
}

/** A target whose calls block until the test lets them go, and that says when it was interrupted. */
class Blocker {
  val started = CountDownLatch(1)
  val interrupted = CountDownLatch(1)
  val exited = CountDownLatch(1)
  val finishedNormally = CountDownLatch(1)
  private val queue = LinkedBlockingQueue<String>()

  fun take(): String {
    started.countDown()
    try {
      return queue.take().also { finishedNormally.countDown() }
    } catch (e: InterruptedException) {
      interrupted.countDown()
      throw e
    } finally {
      exited.countDown()
    }
  }

  fun put(value: String) = queue.put(value)

  fun echo(value: String): String = value

  fun isInterrupted(): Boolean = Thread.currentThread().isInterrupted

  fun threadName(): String = Thread.currentThread().name
}

@ThimbleFace(target = Blocker::class)
interface SuspendingBlocker {
  suspend fun take(): String
  suspend fun echo(value: String): String
  suspend fun isInterrupted(): Boolean
  suspend fun threadName(): String
}

/** A target that throws what it is given. */
class Thrower(val checked: IOException = IOException("disk gone"), val unchecked: IllegalStateException =
  IllegalStateException("bad state")) {
  val cancellation = java.util.concurrent.CancellationException("the target's own cancellation")

  @Throws(IOException::class)
  fun read(): String = throw checked

  fun check(): String = throw unchecked

  fun cancel(): String = throw cancellation

  fun later(): String = throw unchecked
}

@ThimbleFace(target = Thrower::class)
interface SuspendingThrower {
  suspend fun read(): String
  suspend fun check(): String
  suspend fun cancel(): String
  fun later(): Deferred<String>
}

/** Waits for a latch a test thread can afford to block on, failing rather than hanging. */
fun CountDownLatch.awaitOrFail() {
  check(await(10, TimeUnit.SECONDS)) { "a latch was not released within 10 seconds" }
}

/** Runs [body] with a real pool of [threads] threads, stopped (and its threads ended) after. */
inline fun <R> withPool(name: String, threads: Int = 1, queueCapacity: Int = 100, body: (ThimblePool) -> R): R {
  val pool = ThimblePool.builder(name).threads(0, threads).queueCapacity(queueCapacity).build()
  try {
    return body(pool)
  } finally {
    pool.stopNow()
    check(pool.awaitStopped(10, TimeUnit.SECONDS)) { "pool $name did not stop within 10 seconds" }
  }
}

/** The live threads of pool [name] (named `<name>-<n>`). */
fun liveThreadsOf(name: String): List<String> =
  Thread.getAllStackTraces().keys.filter { it.isAlive && it.name.matches(Regex(Regex.escape(name) + "-\\d+")) }
    .map { it.name }

/** Waits for [latch] as a call that ignores interrupts would, keeping the interrupt flag for whoever looks next. */
fun awaitIgnoringInterrupts(latch: CountDownLatch) {
  var interrupted = false
  while (true) {
    try {
      latch.await()
      break
    } catch (e: InterruptedException) {
      interrupted = true
    }
  }
  if (interrupted) Thread.currentThread().interrupt()
}
