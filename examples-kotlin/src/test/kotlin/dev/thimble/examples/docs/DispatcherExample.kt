package dev.thimble.examples.docs

// README:begin docs-kotlin-dispatcher
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.dispatcher
import kotlinx.coroutines.withContext

suspend fun onTheDispatcher(): String {
  val thimble = Thimble.builder(Car()).pool(ThimblePool.builder("cars").threads(0, 4).build())
    .maxConcurrency(1) // holds for coroutines on the dispatcher as for calls
    .build()
  return withContext(thimble.dispatcher) {
    Thread.currentThread().name // blocking code may run here: this is the thimble's pool (cars-1)
  }
}
// README:end
