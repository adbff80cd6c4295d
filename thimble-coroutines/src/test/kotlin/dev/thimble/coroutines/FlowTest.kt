package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimbleFace
import dev.thimble.testing.InlinePool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.atomic.AtomicInteger
import java.util.stream.Stream
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest

/** A blocking source of rows: an iterator, an iterable and a stream, each counting what was pulled and closed. */
class Rows(private val size: Int = 1_000_000) {
  val pulled = AtomicInteger()
  val closed = AtomicInteger()
  val closedOnce = CountDownLatch(1)
  val opening = CountDownLatch(1)
  val mayGoOn = CountDownLatch(1)
  val failure = IllegalStateException("row 2 is broken")
  val blockedInHasNext = CountDownLatch(1)
  val interrupted = CountDownLatch(1)
  val threads: MutableSet<String> = java.util.concurrent.ConcurrentHashMap.newKeySet()

  fun numbers(): Iterator<Int> = Cursor { n -> if (n < size) n else null }

  fun brokenNumbers(): Iterator<Int> = Cursor { n -> if (n == 2) throw failure else n }

  fun endless(): Iterator<Int> {
    val never = LinkedBlockingQueue<Int>()
    return Cursor { n ->
      if (n < 2) n else {
        blockedInHasNext.countDown()
        try {
          never.take()
        } catch (e: InterruptedException) {
          interrupted.countDown()
          throw e
        }
      }
    }
  }

  /** Opens [numbers] once the test lets it, ignoring interrupts meanwhile (as some JDBC drivers do). */
  fun slowNumbers(): Iterator<Int> {
    opening.countDown()
    awaitIgnoringInterrupts(mayGoOn)
    return numbers()
  }

  /** Element 2 comes once the test lets it; an interrupt does not stop the wait. */
  fun stubbornNumbers(): Iterator<Int> = Cursor { n ->
    if (n == 2) {
      blockedInHasNext.countDown()
      awaitIgnoringInterrupts(mayGoOn)
    }
    n
  }

  fun words(): Stream<String> = Stream.of("needle", "thread").onClose { closed.incrementAndGet() }

  fun letters(): Iterable<Char> = listOf('a', 'b', 'c')

  /** An iterator that reads element n with [read] (null: no more), in hasNext, and can be closed. */
  private inner class Cursor(private val read: (Int) -> Int?) : Iterator<Int>, AutoCloseable {
    private var next = 0
    private var ahead: Int? = null

    override fun hasNext(): Boolean {
      threads += Thread.currentThread().name
      if (ahead == null) {
        ahead = read(next)
      }
      return ahead != null
    }

    override fun next(): Int {
      if (!hasNext()) throw NoSuchElementException()
      pulled.incrementAndGet()
      next++
      return ahead!!.also { ahead = null }
    }

    override fun close() {
      closed.incrementAndGet()
      closedOnce.countDown()
    }
  }
}

@ThimbleFace(target = Rows::class)
interface SuspendingRows {
  fun numbers(): Flow<Int> // over the target's Iterator<Int>, one element per call on the pool
  fun words(): Flow<String> // over a Stream<String>, closed when the collection ends
  fun letters(): Flow<Char> // over an Iterable<Char>
  fun brokenNumbers(): Flow<Int>
  fun endless(): Flow<Int>
}

/** Sources whose methods ignore interrupts, over [Rows]. */
@ThimbleFace(target = Rows::class)
interface StubbornRows {
  fun slowNumbers(): Flow<Int>
  fun stubbornNumbers(): Flow<Int>
}

/** A target whose source is missing: it returns null where a Flow needs an iterator. */
class NoRows {
  fun numbers(): Iterator<Int>? = null
}

@ThimbleFace(target = NoRows::class)
interface SuspendingNoRows {
  fun numbers(): Flow<Int>
}

/** Behaviour 6: a Flow over a blocking iterator is lazy, closed however it ends, and carries its errors. */
class FlowTest : FunSpec({
  test("collectingTakesElementsLazily") {
    runTest(timeout = 10.seconds) {
      val rows = Rows(size = 1_000_000)
      val thimble = Thimble.of(rows, InlinePool())
      val face = thimble.suspending<SuspendingRows>()
      face.numbers().take(3).toList() shouldBe listOf(0, 1, 2)
      rows.pulled.get() shouldBe 3 // of a million: nothing is read ahead
      rows.closed.get() shouldBe 1 // the iterator is AutoCloseable: closed when take(3) ended the collection
    }
  }

  test("streamIsClosedWhenTheCollectionCompletes") {
    runTest(timeout = 10.seconds) {
      val rows = Rows()
      val face = Thimble.of(rows, InlinePool()).suspending<SuspendingRows>()
      face.words().toList() shouldBe listOf("needle", "thread")
      rows.closed.get() shouldBe 1
      face.letters().toList() shouldBe listOf('a', 'b', 'c')
    }
  }

  test("iteratorExceptionArrivesInTheCollector") {
    runTest(timeout = 10.seconds) {
      val rows = Rows()
      val face = Thimble.of(rows, InlinePool()).suspending<SuspendingRows>()
      val seen = mutableListOf<Int>()
      val error = shouldThrow<IllegalStateException> { face.brokenNumbers().collect { seen += it } }
      error shouldBeSameInstanceAs rows.failure
      seen shouldBe listOf(0, 1)
      rows.closed.get() shouldBe 1
    }
  }

  test("cancellingTheCollectorInterruptsThePullAndClosesTheSource") {
    withPool("rows", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val rows = Rows()
        val thimble = Thimble.of(rows, pool)
        val face = thimble.suspending<SuspendingRows>()
        val seen = mutableListOf<Int>()
        // On a real dispatcher: the test thread blocks on a latch below while the collector pulls.
        val collector = launch(Dispatchers.Default) { face.endless().collect { seen += it } }
        rows.blockedInHasNext.awaitOrFail()
        collector.cancelAndJoin()
        rows.interrupted.awaitOrFail()
        rows.closedOnce.awaitOrFail() // closed by the interrupted pull as it returned
        rows.closed.get() shouldBe 1
        seen shouldBe listOf(0, 1)
        rows.threads.forEach { it shouldMatch "rows-\\d+" } // every pull ran on the pool
        thimble.call { "free" } shouldBe "free"
      }
    }
  }

  test("aPullThatIgnoresTheInterruptDoesNotHoldUpTheCollectorAndClosesTheSourceWhenItReturns") {
    withPool("stubborn", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val rows = Rows()
        val face = Thimble.of(rows, pool).suspending<StubbornRows>()
        val collector = launch(Dispatchers.Default) { face.stubbornNumbers().collect {} }
        rows.blockedInHasNext.awaitOrFail()

        collector.cancelAndJoin() // returns while the pull is still blocked
        rows.closed.get() shouldBe 0 // a close now would race the pull still reading the source

        rows.mayGoOn.countDown()
        rows.closedOnce.awaitOrFail() // the pull closed it as it returned
        rows.closed.get() shouldBe 1
      }
    }
  }

  test("aSourceReturnedAfterTheCollectorWasCancelledIsClosed") {
    withPool("opening", threads = 1) { pool ->
      runTest(timeout = 10.seconds) {
        val rows = Rows()
        val thimble = Thimble.of(rows, pool)
        val face = thimble.suspending<StubbornRows>()
        val collector = launch(Dispatchers.Default) { face.slowNumbers().collect {} }
        rows.opening.awaitOrFail()

        collector.cancelAndJoin() // the opening call is cancelled; its method cannot be stopped
        rows.mayGoOn.countDown() // ...and returns an open iterator that no collector will read

        rows.closedOnce.awaitOrFail()
        rows.pulled.get() shouldBe 0
        thimble.call { "free" } shouldBe "free"
      }
    }
  }

  test("sourceThatIsNullFailsTheCollectionNamingTheMemberAndTheFix") {
    runTest(timeout = 10.seconds) {
      val face = Thimble.of(NoRows(), InlinePool()).suspending<SuspendingNoRows>()
      val error = shouldThrow<IllegalStateException> { face.numbers().toList() }
      error.message shouldBe "NoRows.numbers() returned null, which a Flow cannot be made from; return an empty " +
        "Iterator<Integer> instead\n    for method SuspendingNoRows.numbers"
    }
  }

  test("eachCollectionCallsTheTargetAgain") {
    runTest(timeout = 10.seconds) {
      val rows = Rows(size = 2)
      val numbers = Thimble.of(rows, InlinePool()).suspending<SuspendingRows>().numbers()
      numbers.toList() shouldBe listOf(0, 1)
      numbers.toList() shouldBe listOf(0, 1)
      rows.closed.get() shouldBe 2
    }
  }
})
