package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimblePool
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.Executors
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import reactor.blockhound.BlockHound

/**
 * BlockHound proves that the Kotlin faces never block the caller's thread: each is called from a thread BlockHound
 * treats as non-blocking (an event loop's, say), and any blocking call made on it (a sleep, a park, a wait, blocking
 * I/O) fails the test. Each test also shows the caller's thread free while the call is blocked on the pool.
 *
 * Only threads named [NON_BLOCKING] are watched, so that the rest of the suite, which blocks on purpose, runs as
 * before in the same JVM. The JVM needs `-XX:+AllowRedefinitionToAddDeleteMethods` (JDK 13+; in this module's
 * argLine) for BlockHound to instrument the JDK.
 */
class NonBlockingCallerTest : FunSpec({
  BlockHoundInstall.once

  val nonBlocking = Executors.newSingleThreadExecutor { task ->
    Thread(task, NON_BLOCKING + "1").apply { isDaemon = true }
  }.asCoroutineDispatcher()
  val pool = ThimblePool.builder("blockhound").threads(0, 4).build().also { it.start() }

  afterSpec {
    nonBlocking.close()
    pool.close()
  }

  beforeTest { BlockHoundInstall.violations.clear() }
  afterTest { BlockHoundInstall.violations.shouldBeEmpty() }

  /** Runs [caller] on the non-blocking thread and checks the thread stays free while [blocker]'s call is held. */
  suspend fun <R> callerStaysFree(blocker: Blocker, caller: suspend () -> R): R = withTimeout(20.seconds) {
    val call = async(nonBlocking, start = CoroutineStart.DEFAULT) { caller() }
    blocker.started.await() // the call is blocked on the pool...
    withContext(nonBlocking) { Thread.currentThread().name } shouldStartWith NON_BLOCKING // ...and the caller's is free
    blocker.put("released")
    call.await()
  }

  test("blockHoundCatchesASleepOnTheNonBlockingThread") {
    // Without this the others could pass with BlockHound not watching at all.
    withContext(nonBlocking) { Thread.sleep(1) }
    BlockHoundInstall.violations.size shouldBe 1
    BlockHoundInstall.violations.peek() shouldStartWith "java.lang.Thread.sleep"
    BlockHoundInstall.violations.clear()
  }

  test("suspendingFaceNeverBlocksTheCaller") {
    val blocker = Blocker()
    val face = Thimble.of(blocker, pool).suspending<SuspendingBlocker>()
    callerStaysFree(blocker) { face.take() } shouldBe "released"
  }

  test("callNeverBlocksTheCaller") {
    val blocker = Blocker()
    val thimble = Thimble.builder(blocker).pool(pool).maxConcurrency(1).build()
    callerStaysFree(blocker) { thimble.call { it.take() } } shouldBe "released"
  }

  test("asyncNeverBlocksTheCaller") {
    val blocker = Blocker()
    val thimble = Thimble.of(blocker, pool)
    callerStaysFree(blocker) { thimble.async { it.take() }.await() } shouldBe "released"
  }

  test("dispatcherNeverBlocksTheCaller") {
    val blocker = Blocker()
    val thimble = Thimble.builder(blocker).pool(pool).maxConcurrency(2).build()
    callerStaysFree(blocker) { withContext(thimble.dispatcher) { blocker.take() } } shouldBe "released"
  }

  test("flowCollectionNeverBlocksTheCaller") {
    val rows = Rows(size = 1_000)
    val face = Thimble.of(rows, pool).suspending<SuspendingRows>()
    withTimeout(20.seconds) {
      withContext(nonBlocking) { face.numbers().take(100).toList() } shouldBe (0 until 100).toList()
      withContext(nonBlocking) { face.words().toList() } shouldBe listOf("needle", "thread")
      rows.closed.get() shouldBe 2 // the iterator, taken from, and the stream, drained
    }
  }
})

/** The thread name prefix BlockHound watches. */
private const val NON_BLOCKING = "nonblocking-"

/** BlockHound is installed once per JVM and cannot be removed: it watches only [NON_BLOCKING] threads. */
private object BlockHoundInstall {
  /** Every blocking call seen, even one that thimble's machinery caught and swallowed. */
  val violations = ConcurrentLinkedQueue<String>()

  val once: Unit by lazy {
    BlockHound.builder()
      .nonBlockingThreadPredicate { current -> current.or { thread -> thread.name.startsWith(NON_BLOCKING) } }
      // The event loop's own wait for its next task, and its exit when closed: not a caller blocking.
      .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask")
      .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "processWorkerExit")
      // The pool's lock guards O(1) queue updates; a caller that finds it taken waits that moment, as one does for a
      // ThreadPoolExecutor's queue lock in execute(). Seen here as a rare failure under load (CI, 2 cores): a park in
      // WorkerPool.enqueue's lock(). What this test guards is that a caller never waits for the call itself.
      .allowBlockingCallsInside("dev.thimble.WorkerPool", "enqueue")
      // Recorded, not thrown: an error thrown from inside a lock's park (LockSupport.park within
      // AbstractQueuedSynchronizer.acquire) leaves the lock's queue with a waiter that never wakes, and every later
      // user of that lock hangs; afterTest fails the test on any violation instead.
      .blockingMethodCallback { method ->
        violations.add("$method from " + Throwable().stackTrace.drop(1).take(12).joinToString(" < "))
      }
      .install()
  }
}
