package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimblePool
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.random.Random
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

/** A source that counts its closes. */
class CountedSource(private val size: Int) : Iterator<Int>, AutoCloseable {
  val closes = AtomicInteger()
  private var next = 0

  override fun hasNext(): Boolean {
    Thread.sleep(0, 100_000) // a blocking read: long enough for 1 ms timeouts to find some pulls running
    return next < size
  }

  override fun next(): Int = next++

  override fun close() {
    closes.incrementAndGet()
  }
}

/** Opens a [CountedSource] per collection and remembers it. */
class SourceMaker {
  val opened = ConcurrentLinkedQueue<CountedSource>()

  fun numbers(size: Int): Iterator<Int> = CountedSource(size).also { opened += it }

  fun busy() = Thread.sleep(1)
}

interface StressedSources {
  fun numbers(size: Int): Flow<Int>
}

/**
 * Flows under timeouts, cancels and stops (issue 11): many collections at once on a pool shared with another
 * thimble's calls, with 1 ms timeouts, random cancels, and a stopNow() in the last round. Every source that was opened
 * is closed exactly once. A few seconds; `-Dstress.scale=<n>` multiplies the rounds.
 */
class FlowStressTest : FunSpec({
  test("everyOpenedSourceIsClosedExactlyOnceUnderTimeoutsCancelsAndStops") {
    val seed = System.getProperty("stress.seed")?.toLong() ?: System.nanoTime()
    println("FlowStressTest seed=$seed (rerun with -Dstress.seed=$seed)")
    val rounds = 4 * (Integer.getInteger("stress.scale") ?: 1)
    for (round in 0 until rounds) {
      val random = Random(seed + round)
      val pool = ThimblePool.builder("flows-r$round").threads(1, 3).queueCapacity(1_000).build()
      val maker = SourceMaker()
      val builder = Thimble.builder(maker).pool(pool).timeout(1, TimeUnit.MILLISECONDS)
      if (round % 2 == 0) builder.maxConcurrency(1 + random.nextInt(2))
      val face = builder.build().suspending<StressedSources>()
      val other = Thimble.of(maker, pool) // keeps the shared pool busy
      try {
        runBlocking {
          val jobs = mutableListOf<Job>()
          repeat(100) { i ->
            jobs += launch(Dispatchers.Default) {
              runCatching { face.numbers(random.nextInt(1, 20)).take(random.nextInt(1, 25)).collect {} }
            }
            if (i % 3 == 0) other.submit { it.busy() }
            if (random.nextInt(5) == 0) jobs[random.nextInt(jobs.size)].cancel()
            if (round == rounds - 1 && i == 60) pool.stopNow()
          }
          withTimeout(30_000) { jobs.joinAll() }
        }
        // A close may still be on its way (a pull that returns late closes the source itself): wait for them.
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30)
        while (maker.opened.any { it.closes.get() == 0 } && System.nanoTime() < deadline) Thread.sleep(5)
        maker.opened.filter { it.closes.get() != 1 }.map { it.closes.get() } shouldBe emptyList()
      } finally {
        pool.stopNow()
        check(pool.awaitStopped(10, TimeUnit.SECONDS)) { "pool flows-r$round did not stop" }
      }
    }
  }
})
