package dev.thimble.examples

// README:begin kotlin-imports
import dev.thimble.Hooks
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.asShutdownOwner
import dev.thimble.coroutines.suspending
import dev.thimble.testing.FakeShutdownOwner
import dev.thimble.testing.InlinePool
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.runBlocking
// README:end

/**
 * The seed's quick start (lvh/thimble's README), step by step, in Kotlin: `suspend fun`s instead of futures. The
 * README's Kotlin quick start is copied from the regions marked below.
 */
object KotlinSeedTutorial {
  // README:begin kotlin-car
  /** The blocking object: nothing about it knows of thimble or coroutines. */
  open class Car {
    val wheels = 4

    fun driveTo(location: String): String {
      Thread.sleep(50) // the real implementation blocks
      return "driven to $location"
    }
  }

  /** The face: `suspend fun`s run on the pool while the coroutine suspends; the rest passes through. */
  interface SuspendingCar {
    suspend fun driveTo(location: String): String

    val wheels: Int
  }
  // README:end

  // README:begin kotlin-fancy-car
  fun interface AlarmCallback {
    fun onAlarm()
  }

  class FancyCar : Car() {
    @Volatile private var alarmCallback: AlarmCallback? = null

    fun registerAlarmCallback(callback: AlarmCallback) {
      alarmCallback = callback
    }

    fun alarm() {
      println("WEE WOO ".repeat(5).trim())
      alarmCallback?.onAlarm()
    }
  }

  interface SuspendingFancyCar : SuspendingCar {
    fun registerAlarmCallback(callback: AlarmCallback) // passes through, hooked

    suspend fun alarm()                                 // runs on the pool
  }
  // README:end

  /** Runs the tutorial, printing each step. */
  @JvmStatic
  fun run(): Unit = runBlocking {
    println("-- the seed's quick start, with the test doubles (the seed's FakeThreadPool, FakeReactor)")
    // README:begin kotlin-quick-start
    val pool = InlinePool()                     // the seed's FakeThreadPool: runs calls at once
    val reactor = FakeShutdownOwner()           // the seed's FakeReactor: stops what it owns
    println("pool started: ${pool.isStarted}")  // false

    val car = Thimble.builder(Car()).pool(pool).shutdownOwner(reactor).build().suspending<SuspendingCar>()

    println(car.driveTo("work"))                // driven to work
    println("wheels: ${car.wheels}")            // 4: passed through
    println("pool started: ${pool.isStarted}")  // true: the first call started it

    reactor.stop()                              // the owner stops the pool
    println("pool started: ${pool.isStarted}")  // false
    // README:end

    println("-- attribute hooks: FancyCar's alarm callback runs on the reactor thread")
    // README:begin kotlin-alarm-hook
    val reactorThread = Executors.newSingleThreadExecutor { Thread(it, "reactor") }
    val fancyCar = Thimble.builder(FancyCar())
      .pool(InlinePool())
      .shutdownOwner(FakeShutdownOwner())
      .hook("registerAlarmCallback", Hooks.callbacksOn(reactorThread))
      .build()
      .suspending<SuspendingFancyCar>()

    fancyCar.registerAlarmCallback { println("sending sms... on thread ${Thread.currentThread().name}") }
    fancyCar.alarm() // WEE WOO x5, then the callback, handed to the reactor thread

    reactorThread.shutdown() // lets the callback finish first
    reactorThread.awaitTermination(10, TimeUnit.SECONDS)
    // README:end

    println("-- the same Car on a real pool owned by a coroutine scope: three slow drives at once")
    // README:begin kotlin-real-pool
    val cars = ThimblePool.builder("cars").threads(0, 4).build()
    coroutineScope {
      val realCar = Thimble.builder(Car()).pool(cars).shutdownOwner(asShutdownOwner()).build()
        .suspending<SuspendingCar>()
      val drives = listOf("work", "school", "the sea").map { place -> async { realCar.driveTo(place) } }
      drives.awaitAll().forEach(::println)
    } // the scope is complete: it stops the pool it owns
    cars.awaitStopped(10, TimeUnit.SECONDS)
    println("pool ${cars.name()} stopped with its scope: ${cars.isStopped}")
    // README:end
  }
}
