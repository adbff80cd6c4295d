@file:JvmName("ThimbleCalls")

package dev.thimble.coroutines

import dev.thimble.BlockingFunction
import dev.thimble.Thimble
import dev.thimble.coroutines.internal.ScopeShutdownOwner
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.function.BiConsumer
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.completeWith
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * Runs `block(target)` on the thimble's pool and suspends until it returns.
 *
 * ```
 * val wheels = thimble.call { car -> car.wheels() }
 * ```
 *
 * A full pool makes the call wait for room (it suspends) instead of failing; a stopped pool or a closed thimble
 * fails it with a [java.util.concurrent.RejectedExecutionException]. The thimble's policies apply: its lane,
 * timeout, context propagation and listeners.
 *
 * ## Cancellation
 * Cancelling the calling coroutine cancels the call, like `runInterruptible`: a queued call is removed and never
 * runs; a running one is interrupted (unless the thimble says `interruptOnCancel(false)`), and the pool thread's
 * interrupt flag is cleared before it takes its next call. The coroutine resumes at once, with a
 * [kotlinx.coroutines.CancellationException]; it is never resumed twice.
 *
 * ## Exceptions
 * What `block` throws is rethrown as itself (the same object), checked exceptions included, even in kotlinx's
 * debug mode (`-ea`), whose stack-trace recovery would otherwise rethrow a copy. A
 * [java.util.concurrent.CancellationException] thrown by `block` is rethrown as itself too; per kotlinx's rules,
 * if it is not caught it ends only the calling coroutine, as cancelled, and does not cancel (or fail) its parent or
 * siblings. Catch it at the call site when the target uses it as an error.
 */
public suspend fun <T : Any, R> Thimble<T>.call(block: (T) -> R): R = submitAndAwait { submitCall(block) }

/**
 * Makes a call with [submit] and suspends until it ends, as `call {}` and the suspending faces' `suspend fun`s do. A
 * caller cancelled already submits nothing: it throws its `CancellationException` here, and no call is made.
 */
@JvmSynthetic
internal suspend inline fun <R> submitAndAwait(submit: () -> CompletableFuture<R>): R {
  currentCoroutineContext().ensureActive()
  return submit().awaitCall()
}

/**
 * Runs `block(target)` on the thimble's pool as a child of [scope], returning its [Deferred] at once.
 *
 * The call is submitted before this returns, so calls keep the order they were made in. As with
 * [kotlinx.coroutines.async], a failure of the call fails the `Deferred` and cancels [scope] (unless its job is a
 * `SupervisorJob`); cancelling the `Deferred` or the scope cancels the call as [call] describes.
 *
 * ## Interop
 * For Java callers, `kotlinx.coroutines.future.asCompletableFuture()` turns the `Deferred` into a
 * `CompletableFuture`; the other way, `await()` and `asDeferred()` take the Java face's futures. Note that
 * `Deferred.await()` in kotlinx's debug mode (`-ea`) rethrows a copy of the call's exception, caused by the original
 * (kotlinx's stack-trace recovery); [call] and the suspending faces rethrow the original.
 */
public fun <T : Any, R> Thimble<T>.async(scope: CoroutineScope, block: (T) -> R): Deferred<R> =
  deferredIn(scope, { submitCall(block) }) { it }

/**
 * Runs `block(target)` on the thimble's pool in the thimble's own scope, returning its [Deferred] at once.
 *
 * The thimble's own scope is the one its shutdown owner was made from by [asShutdownOwner]; there the call behaves
 * as `async(scope, block)` does. A thimble with another owner has no scope: then the `Deferred` is, like the Java
 * face's `CompletableFuture`, the child of no job; it completes with the call, and cancelling it cancels the call.
 */
public fun <T : Any, R> Thimble<T>.async(block: (T) -> R): Deferred<R> =
  deferredIn(ownScope, { submitCall(block) }) { it }

/** The scope of this thimble's shutdown owner, if [asShutdownOwner] made it. */
@get:JvmSynthetic // Kotlin `internal` is public to Java: hidden from Java sources
internal val Thimble<*>.ownScope: CoroutineScope?
  get() = (shutdownOwner() as? ScopeShutdownOwner)?.scope

/** Submits [block] through [Thimble.submitWhenRoom]; `R` may be nullable, as the core's `R` may. */
@JvmSynthetic
internal fun <T : Any, R> Thimble<T>.submitCall(block: (T) -> R): CompletableFuture<R> =
  submitWhenRoom(BlockingFunction<T, R> { target -> block(target) })

/** Runs [work] on the thimble's pool, through its lane, without using the target. */
@Suppress("UNCHECKED_CAST")
@JvmSynthetic
internal suspend fun <R> Thimble<*>.runOnPool(work: () -> R): R = (this as Thimble<Any>).call { work() }

/**
 * A `Deferred` over the call [submit] makes, whose value is [convert]ed: a child of [scope], or of no job if there
 * is none. (Converting here rather than with `thenApply` keeps cancellation reaching the call itself.)
 */
@JvmSynthetic
internal fun <F, R> deferredIn(scope: CoroutineScope?, submit: () -> CompletableFuture<F>, convert: (F) -> R): Deferred<R> {
  if (scope != null) {
    // Undispatched: the call is submitted now, and its coroutine waits for it from the start.
    // A cancelled scope starts the body all the same (undispatched): it must submit nothing, as call {} does.
    return scope.async(start = CoroutineStart.UNDISPATCHED) { convert(submitAndAwait(submit)) }
  }
  val future = submit()
  val deferred = CompletableDeferred<R>()
  future.whenComplete { value, error ->
    if (error != null) {
      deferred.completeExceptionally(unwrap(error))
    } else {
      // A conversion that fails (a null for a non-null member) fails the Deferred: whenComplete would swallow it.
      deferred.completeWith(runCatching { convert(value) })
    }
  }
  deferred.invokeOnCompletion { future.cancel(true) } // a no-op once the call has ended
  return deferred
}

/**
 * Suspends until this call's future completes, as `kotlinx.coroutines.future.await` does: the value, or the very
 * exception the call failed with; cancelling the coroutine cancels the future (which, for a thimble's call,
 * removes or interrupts it).
 *
 * A failure is resumed as a value ([Failure]) and thrown here, not through `resumeWithException`: in kotlinx's
 * debug mode (`-ea`), stack-trace recovery would otherwise rethrow a copy of the target's exception.
 */
@JvmSynthetic
internal suspend fun <R> CompletableFuture<R>.awaitCall(): R {
  val outcome: Any? = if (isDone) outcomeNow() else suspendCancellableCoroutine { cont ->
    val resumer = ResumeOnCompletion(cont)
    whenComplete(resumer)
    cont.invokeOnCancellation {
      cancel(true)
      resumer.cont = null // the continuation is resumed (cancelled) already; let it go
    }
  }
  if (outcome is Failure) {
    throw outcome.error
  }
  @Suppress("UNCHECKED_CAST")
  return outcome as R
}

/**
 * The outcome of a completed future: its value, or its unwrapped exception as a [Failure]. Read through
 * `whenComplete`, which runs at once on a completed future and sees the exception itself: `get()` on newer JDKs
 * throws a new `CancellationException` for a future that failed with one.
 */
private fun CompletableFuture<*>.outcomeNow(): Any? {
  var outcome: Any? = null
  whenComplete { value, error -> outcome = if (error == null) value else Failure(unwrap(error)) }
  return outcome
}

/** A failed call's exception, carried to the suspended caller as a value. */
private class Failure(@JvmField val error: Throwable)

/**
 * Resumes a continuation with a future's outcome, unwrapped. A resume that throws (kotlinx's "Already resumed", should
 * the continuation ever be resumed twice) goes to the thread's uncaught-exception handler: `whenComplete` would
 * swallow it, and no caller is left to throw it to.
 */
private class ResumeOnCompletion(@Volatile @JvmField var cont: CancellableContinuation<Any?>?) :
  BiConsumer<Any?, Throwable?> {
  override fun accept(value: Any?, error: Throwable?) {
    val c = cont ?: return
    try {
      c.resume(if (error == null) value else Failure(unwrap(error)))
    } catch (e: Throwable) {
      val me = Thread.currentThread()
      me.uncaughtExceptionHandler.uncaughtException(me, e)
    }
  }
}

private fun unwrap(error: Throwable): Throwable = (error as? CompletionException)?.cause ?: error
