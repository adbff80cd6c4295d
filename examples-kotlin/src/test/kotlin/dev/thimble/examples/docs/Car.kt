package dev.thimble.examples.docs

// README:begin docs-kotlin-car
/** The blocking object: nothing about it knows of thimble or coroutines. */
open class Car {
  fun wheels(): Int = 4

  fun driveTo(location: String): String {
    Thread.sleep(50) // the real implementation blocks
    return "driven to $location"
  }
}
// README:end
