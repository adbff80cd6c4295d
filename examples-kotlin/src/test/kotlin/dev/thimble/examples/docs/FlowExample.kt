package dev.thimble.examples.docs

// README:begin docs-kotlin-flow
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.suspending
import java.util.concurrent.atomic.AtomicInteger
import java.util.stream.Stream
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList

/** A blocking source: a million numbers, read one at a time, from an iterator that must be closed. */
class Numbers {
  val pulled = AtomicInteger()
  val closed = AtomicInteger()

  fun numbers(): Iterator<Int> = object : Iterator<Int>, AutoCloseable {
    private var next = 0

    override fun hasNext() = next < 1_000_000

    override fun next(): Int {
      pulled.incrementAndGet()
      return next++
    }

    override fun close() {
      closed.incrementAndGet()
    }
  }

  fun words(): Stream<String> = Stream.of("one", "two", "three")
}

interface SuspendingNumbers {
  fun numbers(): Flow<Int> // over the target's Iterator<Int>, one element per call on the pool

  fun words(): Flow<String> // over a Stream<String>, closed when the collection ends
}

suspend fun firstThree(): String {
  val numbers = Numbers()
  val face = Thimble.of(numbers, ThimblePool.builder("rows").threads(0, 2).build()).suspending<SuspendingNumbers>()
  val first = face.numbers().take(3).toList() // take(3) ends the collection...
  return "$first, ${face.words().toList()}; pulled ${numbers.pulled.get()} of a million, " +
    "closed ${numbers.closed.get()} time" // ...and the iterator was closed, once
}
// README:end
