package dev.thimble.examples

import dev.thimble.Thimble
import dev.thimble.ThimblePool
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/**
 * Virtual threads (JDK 21+): 10 000 blocking calls at once on `ThimblePool.virtual`, next to a pool of 200 platform
 * threads. On an older JDK it prints why it cannot run and returns normally.
 */
object VirtualThreads {
  /** How many calls run at once. */
  const val CALLS: Int = 10_000

  /** A blocking service: each call waits 20 ms, as a remote call would. */
  class SlowService {
    fun fetch(id: Int): Int {
      Thread.sleep(20)
      return id
    }
  }

  /** Runs the example: the elapsed time of [CALLS] calls on each pool. */
  @JvmStatic
  fun run() {
    val virtual = try {
      ThimblePool.virtual("virtual")
    } catch (e: UnsupportedOperationException) {
      println("skipped: ${e.message}")
      return
    }
    println("$CALLS blocking calls of 20 ms each, all submitted at once (after a warm-up round):")
    report("virtual threads", virtual)
    report("200 platform threads", ThimblePool.builder("platform").threads(0, 200).queueCapacity(CALLS).build())
  }

  private fun report(label: String, pool: ThimblePool) {
    Thimble.of(SlowService(), pool).use { thimble ->
      fun fetchAll(): List<CompletableFuture<Int>> {
        val calls = (1..CALLS).map { id -> thimble.submit { it.fetch(id) } }
        CompletableFuture.allOf(*calls.toTypedArray()).get(60, TimeUnit.SECONDS)
        return calls
      }
      fetchAll() // warm-up: the JIT compiles the call path; the pool's threads start
      val start = System.nanoTime()
      val calls = fetchAll()
      val millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
      println("%-22s %5d ms, sum of results %d".format(label, millis, calls.sumOf { it.join().toLong() }))
    }
  }
}
