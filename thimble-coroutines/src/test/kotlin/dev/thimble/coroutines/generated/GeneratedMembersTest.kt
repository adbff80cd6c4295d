package dev.thimble.coroutines.generated

import dev.thimble.Invoker
import dev.thimble.Thimble
import dev.thimble.ThimbleListener
import dev.thimble.ThimblePool
import dev.thimble.coroutines.suspending
import dev.thimble.testing.InlinePool
import dev.thimble.testing.ManualPool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.IOException
import java.lang.reflect.Proxy
import java.util.Collections
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest

/** A face over a thimble: the generated class, or (over a target it does not take) the reflective proxy. */
private class Kind(val name: String, val make: (ThimblePool) -> Pair<Thimble<*>, GenUsers>, val closed: (Thimble<*>) -> Int)

private val GENERATED = Kind("generated", { pool ->
  Thimble.builder(Users()).recordStats(true).pool(pool).build().let { it to it.suspending<GenUsers>() }
}) { (it.target() as Users).closed.get() }

private val REFLECTIVE = Kind("reflective", { pool ->
  Thimble.builder(Elsewhere.Users()).recordStats(true).pool(pool).build().let { it to it.suspending<GenUsers>() }
}) { (it.target() as Elsewhere.Users).closed.get() }

/** The `NullPointerException`s (and the null source's `IllegalStateException`) a face's members fail with. */
private suspend fun nullMessages(face: GenUsers): List<String?> = listOf(
  shouldThrow<NullPointerException> { face.get(0) }.message,
  shouldThrow<NullPointerException> { face.load(0).await() }.message,
  shouldThrow<NullPointerException> { face.names(withNull = true).toList() }.message,
  shouldThrow<IllegalStateException> { face.names(withNull = false).toList() }.message,
)

/** A caller that is a bare continuation: what it was resumed with, if it was. */
private class BareCaller : Continuation<Any?> {
  override val context: CoroutineContext = EmptyCoroutineContext
  var outcome: Result<Any?>? = null

  override fun resumeWith(result: Result<Any?>) {
    outcome = result
  }
}

/**
 * The Kotlin adapter's members for generated faces (`GeneratedMembers`), through [GenUsers_Thimble], written as
 * thimble-processor writes it: `suspending<S>()` finds it, and it behaves as the reflective face does.
 */
class GeneratedMembersTest : FunSpec({
  test("suspendingUsesTheGeneratedClassWhenThereIsOne") {
    val thimble = Thimble.of(Users(), InlinePool())
    val face = thimble.suspending<GenUsers>()
    face.javaClass shouldBe GenUsers_Thimble::class.java
    face.toString() shouldBe "GenUsers suspending proxy of $thimble"
  }

  test("aTargetTheGeneratedClassDoesNotTakeGetsTheReflectiveFace") {
    val (_, face) = REFLECTIVE.make(InlinePool())
    Proxy.isProxyClass(face.javaClass) shouldBe true
  }

  test("nullMessagesOfGeneratedMembersAreTheReflectiveFacesOwn") {
    runTest(timeout = 10.seconds) {
      val generated = nullMessages(GENERATED.make(InlinePool()).second)
      generated shouldBe nullMessages(REFLECTIVE.make(InlinePool()).second)
      generated[0] shouldBe "Users.get(long) returned null, which the face's String does not admit; declare it as " +
        "String? to let null through\n    for method GenUsers.get"
    }
  }

  test("generatedSuspendMemberRunsTheThimblesHooksAndNamesItsCallsForListeners") {
    runTest(timeout = 10.seconds) {
      val calls = Collections.synchronizedList(ArrayList<String>())
      val thimble = Thimble.builder(Users()).recordStats(true).pool(InlinePool())
        .hook("get") { _, method, original -> Invoker { args -> "${method.name}: ${original.invoke(args)}" } }
        .listener(object : ThimbleListener {
          override fun succeeded(call: String, runNanos: Long) {
            calls.add(call)
          }
        })
        .build()
      val face = thimble.suspending<GenUsers>()
      face.javaClass shouldBe GenUsers_Thimble::class.java
      face.get(1) shouldBe "get: user 1"
      face.load(2).await() shouldBe "user 2"
      calls shouldBe listOf("get", "load")
    }
  }

  for (kind in listOf(GENERATED, REFLECTIVE)) {
    test("${kind.name}: membersOfEveryKindReturnTheTargetsResults") {
      runTest(timeout = 10.seconds) {
        val (thimble, face) = kind.make(InlinePool())
        face.get(1) shouldBe "user 1"
        face.load(2).await() shouldBe "user 2"
        face.stream().take(2).toList() shouldBe listOf("name 0", "name 1")
        kind.closed(thimble) shouldBe 1 // the collection stopped: the source was closed
        face.park() shouldBe Unit
        face.greet(3) shouldBe "hello, user 3"
        thimble.stats().succeeded() shouldBe 7 // get, load, stream and its two pulls, park, greet's get
      }
    }

    test("${kind.name}: failuresArriveAsThemselves") {
      runTest(timeout = 10.seconds) {
        val (_, face) = kind.make(InlinePool())
        shouldThrow<IOException> { face.read() }.message shouldBe "disk gone"
        shouldThrow<IOException> { face.refuse(4) }.message shouldBe "refused 4"
      }
    }

    test("${kind.name}: aBodysFailureBeforeItsFirstSuspensionGoesToTheContinuation") {
      val (_, face) = kind.make(InlinePool())
      val caller = BareCaller()
      val start: suspend () -> Any? = { face.refuse(5) }
      start.startCoroutineUninterceptedOrReturn(caller) shouldBe COROUTINE_SUSPENDED
      caller.outcome!!.exceptionOrNull()!!.message shouldBe "refused 5"
    }

    test("${kind.name}: cancellingTheCallerRemovesItsQueuedCall") {
      runTest(timeout = 10.seconds) {
        val pool = ManualPool()
        val (thimble, face) = kind.make(pool)
        val caller = launch(start = CoroutineStart.UNDISPATCHED) { face.get(1) }
        pool.pending() shouldBe 1
        caller.cancelAndJoin()
        pool.pending() shouldBe 0
        pool.runAll() shouldBe 0
        thimble.stats().cancelled() shouldBe 1
      }
    }

    test("${kind.name}: anAlreadyCancelledCallerSubmitsNothing") {
      runTest(timeout = 10.seconds) {
        val pool = ManualPool()
        val (thimble, face) = kind.make(pool)
        val caller = launch(start = CoroutineStart.UNDISPATCHED) {
          coroutineContext[Job]!!.cancel()
          face.get(1)
        }
        caller.join()
        caller.isCancelled shouldBe true
        thimble.stats().submitted() shouldBe 0
      }
    }

    test("${kind.name}: cancellingADeferredCancelsItsCall") {
      val pool = ManualPool()
      val (thimble, face) = kind.make(pool)
      val deferred = face.load(1)
      pool.pending() shouldBe 1
      deferred.cancel()
      pool.pending() shouldBe 0
      thimble.stats().cancelled() shouldBe 1
    }

    test("${kind.name}: aFlowCollectionThatStopsClosesItsSource") {
      runTest(timeout = 10.seconds) {
        val (thimble, face) = kind.make(InlinePool())
        face.stream().first() shouldBe "name 0"
        kind.closed(thimble) shouldBe 1
      }
    }
  }
})
