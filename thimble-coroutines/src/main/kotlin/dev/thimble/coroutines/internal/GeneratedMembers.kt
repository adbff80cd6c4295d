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

// One function per kind of suspending-face member: `suspending<S>()`'s reflective face runs its members through
// these, and so does the Java thimble-processor generates, so the two behave the same. No compatibility promise: a
// generated face needs the thimble-coroutines of the processor's own version.

/**
 * A `suspend fun` member (no compatibility promise: for thimble-processor's generated code): runs [member] with
 * [args] (`null` for none) on the pool as `Thimble.call` does: it waits for room, a caller cancelled already submits
 * nothing, and every failure reaches [continuation] (the member's `$completion`). A `null` result fails the call with
 * a [NullPointerException] whose whole message is [ifNull], unless [ifNull] is `null`; [returnsUnit] drops the result.
 *
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
 * A member returning `Deferred<T>` (no compatibility promise: for thimble-processor's generated code): starts
 * [member] at once, as `thimble.async {}` without a scope does; [returnsUnit] and [ifNull] as for [suspendCall].
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
 * A member returning `Flow<T>` (no compatibility promise: for thimble-processor's generated code): a cold flow over
 * the `Iterator`, `Iterable` or `Stream` [member] returns, as `suspending<S>()` describes. A `null` source fails the
 * collection with an [IllegalStateException] saying [ifNullSource]; a `null` element, with a [NullPointerException]
 * saying [ifNullElement], unless that is `null`.
 */
public fun <T> flowCall(
  thimble: Thimble<*>,
  member: BoundMethod,
  args: Array<out Any?>?,
  ifNullSource: String,
  ifNullElement: String?,
): Flow<T> {
  @Suppress("UNCHECKED_CAST")
  return iteratorFlow(thimble, ifNullSource, ifNullElement) { member.submitWhenRoom(args, it) } as Flow<T>
}

/**
 * A `suspend fun` member with a body in `Face.DefaultImpls` (no compatibility promise: for thimble-processor's
 * generated code): runs [body], which calls it with [continuation]; a failure before its first suspension reaches
 * [continuation] rather than being thrown, as a plain `suspend fun`'s does.
 *
 * @return the body's result, or `COROUTINE_SUSPENDED`
 */
public fun suspendBody(continuation: Continuation<*>, body: Callable<Any?>): Any? {
  @Suppress("UNCHECKED_CAST")
  return startFromProxy(continuation as Continuation<Any?>) { body.call() }
}

/**
 * Starts a `suspend fun` called through a face with the caller's [continuation]: [start] runs it until it returns or
 * suspends. A face must not throw a checked exception its method does not declare (a proxy would wrap it in an
 * `UndeclaredThrowableException`), so a failure that comes at once goes to the continuation, through its dispatcher.
 */
private inline fun startFromProxy(continuation: Continuation<Any?>, start: () -> Any?): Any? =
  try {
    start()
  } catch (e: Throwable) {
    continuation.intercepted().resumeWithException(e)
    COROUTINE_SUSPENDED
  }
