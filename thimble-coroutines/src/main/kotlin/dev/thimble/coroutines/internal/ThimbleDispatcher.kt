package dev.thimble.coroutines.internal

import dev.thimble.Thimble
import java.util.concurrent.Executor
import java.util.concurrent.FutureTask
import java.util.concurrent.RejectedExecutionException
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel

// In dev.thimble.coroutines.internal, not the public package: a Kotlin `internal` declaration is public to Java.

/** The dispatcher behind `Thimble.dispatcher`: one per thimble, kept in its attachments. */
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
