@file:JvmName("ThimbleDispatchers")

package dev.thimble.coroutines

import dev.thimble.Thimble
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

/** The dispatcher behind [dispatcher]: one per thimble, kept in its attachments. */
internal class ThimbleDispatcher(private val thimble: Thimble<*>) : CoroutineDispatcher() {
  private val executor: Executor = thimble.executor()

  override fun dispatch(context: CoroutineContext, block: Runnable) {
    try {
      executor.execute(DispatchedBlock(context, block))
    } catch (e: RejectedExecutionException) {
      runElsewhere(context, block, e)
    }
  }

  override fun toString(): String = "Dispatcher[$thimble]"

  /**
   * A coroutine's block on the pool. A pool that is stopped now cancels the tasks still queued in it or in the
   * thimble's lane, which are dropped unrun: this one then goes the way of a rejected dispatch, rather than leave its
   * coroutine suspended for ever.
   */
  private inner class DispatchedBlock(
    private val context: CoroutineContext,
    private val block: Runnable,
  ) : FutureTask<Unit>(block, Unit) {
    override fun done() {
      if (isCancelled) {
        runElsewhere(context, block, RejectedExecutionException(
          "pool ${thimble.pool().name()} was stopped now (stopNow()) before the coroutine could run on it",
        ))
      }
    }

    // kotlinx's blocks handle their own failures; one that still throws is reported, as the pool would have.
    override fun setException(t: Throwable) {
      super.setException(t)
      val me = Thread.currentThread()
      me.uncaughtExceptionHandler.uncaughtException(me, t)
    }
  }

  /** As kotlinx's `ExecutorCoroutineDispatcher` does for a closed executor: cancel, and let it finish elsewhere. */
  private fun runElsewhere(context: CoroutineContext, block: Runnable, refusal: RejectedExecutionException) {
    context.cancel(CancellationException("The task was rejected", refusal))
    Dispatchers.IO.dispatch(context, block)
  }
}
