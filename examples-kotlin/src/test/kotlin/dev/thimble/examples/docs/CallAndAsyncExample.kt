package dev.thimble.examples.docs

// README:begin docs-kotlin-call-async
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.async
import dev.thimble.coroutines.call
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.coroutineScope

suspend fun callAndAsync(): String = coroutineScope {
  val thimble = Thimble.of(Car(), ThimblePool.builder("cars").threads(0, 4).build()) // no interface needed
  val wheels: Int = thimble.call { car -> car.wheels() } // runs on the pool; the caller suspends
  val driven: Deferred<String> = thimble.async(this) { car -> car.driveTo("work") } // a child of this scope
  "$wheels wheels, ${driven.await()}"
}
// README:end
