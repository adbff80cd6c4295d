@file:JvmName("Main")

package dev.thimble.examples

/** Every example, in order, each under a heading. */
val examples: List<Pair<String, () -> Unit>> = listOf(
  "1a. The seed's tutorial, in Java" to { SeedTutorial.run() },
  "1b. The seed's tutorial, in Kotlin" to { KotlinSeedTutorial.run() },
  "2a. A real database (H2), in Java with CompletableFuture composition" to { UsersWithFutures.run() },
  "2b. A real database (H2), in Kotlin with suspend functions and a Flow" to { UsersWithCoroutines.run() },
  "3. Context (SLF4J MDC) and metrics (Micrometer)" to { ContextAndMetrics.run() },
  "4. UI-thread style callbacks" to { UiThreadCallbacks.run() },
  "5. Virtual threads" to { VirtualThreads.run() },
)

/** Runs every example in order. The JVM then exits by itself: no example leaves a non-daemon thread behind. */
fun main() {
  for ((title, example) in examples) {
    println()
    println("=== $title ===")
    example()
  }
  println()
  println("All examples ran.")
}
