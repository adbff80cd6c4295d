@file:JvmName("ThimbleDispatchers")

package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.coroutines.internal.ThimbleDispatcher
import dev.thimble.internal.Adapters
import java.util.concurrent.Executor
import java.util.concurrent.FutureTask
import java.util.concurrent.RejectedExecutionException
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel

/**
 * A [CoroutineDispatcher] that runs coroutines on this thimble's pool, within its lane: the same instance on every
 * access, made from [Thimble.executor].
 *
 * ```
 * withContext(thimble.dispatcher) { car.driveTo("work") } // runs on a "cars-<n>" thread
 * ```
 *
 * Coroutines dispatched here run on the pool's named threads (`<pool>-<n>`) and count against the thimble's
 * `maxConcurrency(n)`, so `maxConcurrency(1)` serializes them with the thimble's calls. The first dispatch starts a
 * pool that is not started yet, as a thimble's first call does, and hands its stop to the thimble's shutdown owner.
 * A full pool makes a dispatch wait for room rather than fail.
 *
 * ## Cancellation
 * Dispatch after the pool stopped (or the thimble closed) follows kotlinx's rule for a closed executor
 * (`ExecutorCoroutineDispatcher`): the coroutine's job is cancelled with a [CancellationException] whose cause is the
 * pool's [RejectedExecutionException], and the coroutine is run on [Dispatchers.IO] so that it can finish. A coroutine
 * still queued when the pool is stopped now (`stopNow()`) is treated the same way. It never hangs.
 *
 * ## Threading
 * A coroutine may block inside `withContext(thimble.dispatcher)`, since the pool is there for blocking work; but a
 * blocked coroutine is not interrupted by cancellation. To make cancellation interrupt a blocking call, use
 * [call] or a [suspending] face instead.
 */
public val Thimble<*>.dispatcher: CoroutineDispatcher
  get() = Adapters.attachment(this, ThimbleDispatcher::class.java) { thimble -> ThimbleDispatcher(thimble) }
