@file:JvmName("GeneratedMembers")

package dev.thimble.coroutines.internal

import dev.thimble.Thimble
import dev.thimble.coroutines.deferredIn
import dev.thimble.coroutines.ownScope
import dev.thimble.coroutines.submitAndAwait
import dev.thimble.internal.BoundMethod
import java.util.concurrent.Callable
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.intercepted
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.Flow

// The members of a suspending face, one function per kind: `suspending<S>()`'s reflective face runs each member
// through these, and so does a face thimble-processor generates (its Java calls them as GeneratedMembers.*), so the
// two behave the same. No compatibility promise: for thimble-processor's generated code, which needs the
// thimble-coroutines of the processor's own version.

/**
 * A `suspend fun` member, for thimble-processor's generated code (no compatibility promise): runs [member] on the
 * pool as `Thimble.call` does. A full pool makes it wait for room; a caller cancelled already submits nothing;
 * cancelling the caller cancels the call; a failure, even one before the first suspension, reaches [continuation]
 * and is never thrown from here.
 *
 * @param member the bound member
 * @param args the member's arguments, without the continuation; `null` for none
 * @param returnsUnit whether the member returns `Unit`: the target's result is dropped
 * @param ifNull the whole message of the [NullPointerException] that fails the call when the target returns `null`;
 *     `null` lets `null` through
 * @param continuation the caller's continuation (a generated member's `$completion`)
 * @return the result, or `COROUTINE_SUSPENDED`
 */
public fun suspendCall(
  member: BoundMethod,
  args: Array<out Any?>?,
  returnsUnit: Boolean,
  ifNull: String?,
  continuation: Continuation<*>,
): Any? {
  @Suppress("UNCHECKED_CAST")
  val caller = continuation as Continuation<Any?>
  val run: suspend () -> Any? = {
    val value = submitAndAwait { member.submitWhenRoom(args) } // a cancelled caller submits nothing
    if (returnsUnit) Unit else value ?: ifNull?.let { throw NullPointerException(it) }
  }
  return startFromProxy(caller) { run.startCoroutineUninterceptedOrReturn(caller) }
}

/**
 * A member returning `Deferred<T>`, for thimble-processor's generated code (no compatibility promise): starts the
 * call at once, as `thimble.async {}` without a scope does (in the thimble's own scope when it has one).
 *
 * @param thimble the face's thimble
 * @param member the bound member
 * @param args the member's arguments; `null` for none
 * @param returnsUnit whether the member returns `Deferred<Unit>`: the target's result is dropped
 * @param ifNull the whole message of the [NullPointerException] that fails the `Deferred` when the target returns
 *     `null`; `null` lets `null` through
 * @return the call's `Deferred`
 */
public fun <T> deferredCall(
  thimble: Thimble<*>,
  member: BoundMethod,
  args: Array<out Any?>?,
  returnsUnit: Boolean,
  ifNull: String?,
): Deferred<T> = deferredIn(thimble.ownScope, { member.submitWhenRoom(args) }) { value ->
  @Suppress("UNCHECKED_CAST")
  (if (returnsUnit) Unit else value ?: ifNull?.let { throw NullPointerException(it) }) as T
}

/**
 * A member returning `Flow<T>`, for thimble-processor's generated code (no compatibility promise): a cold flow over
 * the `Iterator`, `Iterable` or `Stream` that [member] returns, each collection calling it on the pool and pulling
 * one element per call there, the source closed however the collection ends.
 *
 * @param thimble the face's thimble
 * @param member the bound member
 * @param args the member's arguments; `null` for none
 * @param ifNullSource the message of the [IllegalStateException] that fails the collection when the target returns
 *     `null`
 * @param ifNullElement the message of the [NullPointerException] that fails the collection at a `null` element;
 *     `null` lets `null` elements through
 * @return the flow
 */
public fun <T> flowCall(
  thimble: Thimble<*>,
  member: BoundMethod,
  args: Array<out Any?>?,
  ifNullSource: String,
  ifNullElement: String?,
): Flow<T> {
  @Suppress("UNCHECKED_CAST")
  return iteratorFlow(thimble, ifNullSource, ifNullElement) { ifAbandoned ->
    member.submitWhenRoom(args, ifAbandoned)
  } as Flow<T>
}

/**
 * A `suspend fun` member with a body (Kotlin's `Face.DefaultImpls`), for thimble-processor's generated code (no
 * compatibility promise): runs [body] as written; a failure before its first suspension reaches [continuation]
 * rather than being thrown, as a plain `suspend fun`'s does.
 *
 * @param continuation the caller's continuation, which [body] is given too
 * @param body calls the body with the member's arguments and [continuation]
 * @return the body's result, or `COROUTINE_SUSPENDED`
 */
public fun suspendBody(continuation: Continuation<*>, body: Callable<Any?>): Any? {
  @Suppress("UNCHECKED_CAST")
  return startFromProxy(continuation as Continuation<Any?>) { body.call() }
}

/**
 * Starts a `suspend fun` called through a face, with the caller's [continuation]: [start] runs it until it returns
 * its value or suspends. A face must not throw a checked exception its method does not declare (a proxy would wrap
 * it in an `UndeclaredThrowableException`), so a failure that comes at once is handed to the continuation, through
 * its dispatcher, instead of being thrown.
 */
private inline fun startFromProxy(continuation: Continuation<Any?>, start: () -> Any?): Any? =
  try {
    start()
  } catch (e: Throwable) {
    continuation.intercepted().resumeWithException(e)
    COROUTINE_SUSPENDED
  }
