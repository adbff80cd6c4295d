package dev.thimble.examples.docs

// README:begin docs-kotlin-interop
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.async
import java.util.concurrent.CompletableFuture
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.future.asCompletableFuture
import kotlinx.coroutines.future.asDeferred
import kotlinx.coroutines.future.await

interface FutureCar {
  fun driveTo(location: String): CompletableFuture<String> // the Java face
}

suspend fun interop(): String {
  val thimble = Thimble.of(Car(), ThimblePool.builder("cars").threads(0, 2).build())
  val future: CompletableFuture<String> = thimble.proxy(FutureCar::class.java).driveTo("work")
  val awaited = future.await() // suspends until the future completes; cancelling the caller cancels the call
  val deferred: Deferred<String> = future.asDeferred()

  val forJava: CompletableFuture<String> = thimble.async { car -> car.driveTo("home") }.asCompletableFuture()
  return "$awaited, ${deferred.await()}, ${forJava.join()}"
}
// README:end
