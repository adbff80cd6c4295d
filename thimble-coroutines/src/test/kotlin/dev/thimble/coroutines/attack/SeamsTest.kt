package dev.thimble.coroutines.attack

import dev.thimble.Thimble
import dev.thimble.ThimbleListener
import dev.thimble.ThimblePool
import dev.thimble.coroutines.asShutdownOwner
import dev.thimble.coroutines.dispatcher
import dev.thimble.coroutines.suspending
import dev.thimble.testing.InlinePool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.stream.Stream
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.collect
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withTimeout

/** A JDBC-style repository: generic, bound by each subclass, whose lookups may find nothing. */
open class GenericRepository<T : Any>(private val rows: Map<Long, T>) {
  val calls = AtomicInteger()
  val closed = AtomicInteger()

  fun find(id: Long): T? {
    calls.incrementAndGet()
    return rows[id]
  }

  fun first(): T = rows.values.first()

  fun all(): Stream<T> {
    calls.incrementAndGet()
    return rows.values.stream().onClose { closed.incrementAndGet() }
  }
}

class NameRepository : GenericRepository<String>(mapOf(1L to "ann", 2L to "bob", 3L to "cy"))

interface SuspendingNames {
  suspend fun find(id: Long): String

  suspend fun first(): String

  fun all(): Flow<String>
}

interface DeferredNames {
  fun find(id: Long): Deferred<String?>
}

interface NonNullDeferredNames {
  fun find(id: Long): Deferred<String>
}

interface NullableNames {
  suspend fun find(id: Long): String?
}

interface WrongElementNames {
  fun all(): Flow<Int>
}

interface WrongResultNames {
  suspend fun first(): Long
}

class SeamsTest : FunSpec({
  test("aNonNullSuspendMemberOverAVariableBoundInASuperclassNamesTheFixWhenTheTargetReturnsNull") {
    runTest(timeout = 10.seconds) {
      val names = Thimble.builder(NameRepository()).recordStats(true)
          .pool(InlinePool()).build().suspending<SuspendingNames>()
      names.find(1) shouldBe "ann"
      names.first() shouldBe "ann"
      val error = shouldThrow<NullPointerException> { names.find(9) }
      error.message shouldBe "GenericRepository.find(long) returned null, which the face's String does not admit; " +
        "declare it as String? to let null through\n    for method SuspendingNames.find"
      Thimble.builder(NameRepository()).recordStats(true)
          .pool(InlinePool()).build().suspending<NullableNames>().find(9) shouldBe null
    }
  }

  test("aNonNullDeferredMemberOverAVariableBoundInASuperclassFailsItsDeferredOnNull") {
    runTest(timeout = 10.seconds) {
      val later = Thimble.builder(NameRepository()).recordStats(true)
          .pool(InlinePool()).build().suspending<NonNullDeferredNames>().find(9)
      val error = shouldThrow<NullPointerException> { later.await() }
      error.message shouldBe "GenericRepository.find(long) returned null, which the face's Deferred<String> does not " +
        "admit; declare it as Deferred<String?> to let null through\n    for method NonNullDeferredNames.find"
    }
  }

  test("mismatchesOverABoundVariableSayKotlinNamesInAPlainIllegalArgumentException") {
    val thimble = Thimble.builder(NameRepository()).recordStats(true).pool(InlinePool()).build()
    val flow = shouldThrow<IllegalArgumentException> { thimble.suspending<WrongElementNames>() }
    flow.javaClass shouldBe IllegalArgumentException::class.java
    flow.message shouldBe "GenericRepository.all() returns Stream<String>, whose elements do not fit the face's " +
      "Flow<Int>\n    for method WrongElementNames.all"
    val result = shouldThrow<IllegalArgumentException> { thimble.suspending<WrongResultNames>() }
    result.javaClass shouldBe IllegalArgumentException::class.java
    result.message shouldBe "GenericRepository.first() returns String, which does not fit the result type Long; " +
      "declare it as String (or a supertype)\n    for method WrongResultNames.first"
  }

  test("anAlreadyCancelledCallerSubmitsNothingThroughAnyMemberOfAGenericFace") {
    runTest(timeout = 10.seconds) {
      val target = NameRepository()
      val submitted = AtomicInteger()
      val thimble = Thimble.builder(target).recordStats(true).pool(InlinePool()).listener(object : ThimbleListener {
        override fun submitted(call: String) {
          submitted.incrementAndGet()
        }
      }).build()
      val names = thimble.suspending<SuspendingNames>()
      val job = launch {
        cancel()
        try {
          names.find(1)
        } finally {
          names.all().collect { }
        }
      }
      job.join()
      job.isCancelled shouldBe true
      target.calls.get() shouldBe 0
      submitted.get() shouldBe 0
    }
  }

  test("aDeferredMemberInACancelledOwnScopeSubmitsNothing") {
    runTest(timeout = 10.seconds) {
      val scope = CoroutineScope(Job())
      scope.cancel()
      val target = NameRepository()
      val thimble = Thimble.builder(target).recordStats(true)
          .pool(InlinePool()).shutdownOwner(scope.asShutdownOwner()).build()
      val later = thimble.suspending<DeferredNames>().find(1)
      later.isCancelled shouldBe true
      target.calls.get() shouldBe 0
    }
  }

  test("hooksAndAPerMethodTimeoutApplyToASuspendMemberOverAGenericMethodBehindABridge") {
    runTest(timeout = 10.seconds) {
      val pool = ThimblePool.builder("kotlin-bridge").threads(0, 1).build()
      val target = SlowUsers()
      val hooked = mutableListOf<java.lang.reflect.Method>()
      val thimble = Thimble.builder(target).recordStats(true).pool(pool).timeout("find", 50, TimeUnit.MILLISECONDS)
        .hook("find") { _, method, original ->
          hooked += method
          dev.thimble.Invoker { args -> "hooked " + original.invoke(args) }
        }.build()
      try {
        val users = thimble.suspending<SlowLookup>()
        hooked.size shouldBe 1
        hooked[0].isBridge shouldBe false
        users.find(1L) shouldBe "hooked user 1"
        shouldThrow<java.util.concurrent.TimeoutException> { users.find(-1L) }
      } finally {
        target.release.countDown()
        thimble.close()
      }
    }
  }

  test("aSuspendCallCancelledWhileWaitingInTheLaneNeverRunsAndFreesItsTurn") {
    val pool = ThimblePool.builder("lane-cancel").threads(0, 2).build()
    val target = SlowUsers()
    val thimble = Thimble.builder(target).recordStats(true).pool(pool).maxConcurrency(1).build()
    val users = thimble.suspending<LaneUsers>()
    kotlinx.coroutines.runBlocking {
      val first = async(kotlinx.coroutines.Dispatchers.Default) { users.find(-1L) }
      target.entered.await()
      val second = async(kotlinx.coroutines.Dispatchers.Default) { users.find(2L) }
      while (thimble.stats().submitted() < 2) kotlinx.coroutines.yield()
      second.cancel()
      second.join()
      target.release.countDown()
      first.await() shouldBe "user -1"
      users.find(3L) shouldBe "user 3"
    }
    target.seen shouldBe listOf(-1L, 3L)
    thimble.close()
  }

  test("closingAThimbleFromItsOwnDispatcherReturns") {
    val pool = ThimblePool.builder("dispatcher-close").threads(0, 1).build()
    val thimble = Thimble.builder(NameRepository()).recordStats(true).pool(pool).build()
    kotlinx.coroutines.runBlocking {
      kotlinx.coroutines.withContext(thimble.dispatcher) { thimble.close() }
    }
    thimble.isClosed shouldBe true
    pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
  }

  test("aFlowOverAGenericRepositoryClosesItsSourceOnceWhenTakenCancelledOrTimedOut") {
    runTest(timeout = 10.seconds) {
      val target = NameRepository()
      val names = Thimble.builder(target).recordStats(true).pool(InlinePool()).build().suspending<SuspendingNames>()
      names.all().toList() shouldBe listOf("ann", "bob", "cy")
      target.closed.get() shouldBe 1
      names.all().take(1).toList() shouldBe listOf("ann")
      target.closed.get() shouldBe 2
      shouldThrow<IllegalStateException> { names.all().collect { error("collector fails") } }
      target.closed.get() shouldBe 3
      val job = launch { names.all().collect { cancel() } }
      job.join()
      target.closed.get() shouldBe 4
    }
  }

  test("aFlowUnderARealPoolCancelledByWithTimeoutAtAnyPointClosesWhatItOpenedExactlyOnce") {
    repeat(30) {
      val pool = ThimblePool.builder("flow-timeout").threads(0, 1).build()
      val target = NameRepository()
      Thimble.builder(target).recordStats(true).pool(pool).timeout(10, TimeUnit.SECONDS).build().use { thimble ->
        val names = thimble.suspending<SuspendingNames>()
        kotlinx.coroutines.runBlocking {
          shouldThrow<CancellationException> {
            withTimeout(1) { names.all().collect { kotlinx.coroutines.awaitCancellation() } }
          }
        }
      }
      if (pool.isStarted) {
        pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
      }
      target.closed.get() shouldBe target.calls.get() // opened once and closed once, or neither
    }
  }

  test("aFlowWhosePullTimesOutClosesItsGenericSourceExactlyOnce") {
    val pool = ThimblePool.builder("flow-pull-timeout").threads(0, 1).build()
    val target = StuckRepository()
    Thimble.builder(target).recordStats(true).pool(pool).timeout(50, TimeUnit.MILLISECONDS).build().use { thimble ->
      val names = thimble.suspending<StuckNames>()
      val seen = mutableListOf<String>()
      kotlinx.coroutines.runBlocking {
        shouldThrow<java.util.concurrent.TimeoutException> { names.all().collect { seen += it } }
      }
      seen shouldBe listOf("ann")
      target.closedOnce.await(10, TimeUnit.SECONDS) shouldBe true
    }
    pool.awaitStopped(10, TimeUnit.SECONDS) shouldBe true
    target.closed.get() shouldBe 1
  }
})

/** A repository whose second element never comes: its pull blocks until interrupted. */
open class StuckSource<T : Any>(private val first: T) {
  val closed = AtomicInteger()
  val closedOnce = java.util.concurrent.CountDownLatch(1)

  fun all(): Stream<T> {
    val never = java.util.concurrent.LinkedBlockingQueue<T>()
    val it = object : Iterator<T> {
      var n = 0

      override fun hasNext(): Boolean = true

      override fun next(): T = if (n++ == 0) first else never.take()
    }
    return java.util.stream.StreamSupport.stream(
      java.util.Spliterators.spliteratorUnknownSize(it, 0), false,
    ).onClose {
      closed.incrementAndGet()
      closedOnce.countDown()
    }
  }
}

class StuckRepository : StuckSource<String>("ann")

interface StuckNames {
  fun all(): Flow<String>
}

/** Bound through an interface, so that javac gives [SlowUsers] a bridge `Object find(Object)`. */
interface Lookup<K, V> {
  fun find(key: K): V
}

class SlowUsers : Lookup<Long, String> {
  val release = java.util.concurrent.CountDownLatch(1)
  val entered = java.util.concurrent.CountDownLatch(1)
  val seen: MutableList<Long> = java.util.Collections.synchronizedList(mutableListOf())

  override fun find(key: Long): String {
    seen += key
    if (key < 0) {
      entered.countDown()
      release.await()
    }
    return "user $key"
  }
}

interface LaneUsers {
  suspend fun find(key: Long): String
}

interface SlowLookup {
  suspend fun find(key: Long): String
}
