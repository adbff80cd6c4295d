package dev.thimble.coroutines.internal

import dev.thimble.Thimble
import java.util.concurrent.Executor
import java.util.concurrent.Future
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater
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
      executor.execute(DispatchedBlock(this, context, block))
    } catch (e: RejectedExecutionException) {
      runElsewhere(context, block, e)
    }
  }

  override fun toString(): String = "Dispatcher[$thimble]"

  /** For [DispatchedBlock]'s message. */
  fun poolName(): String = thimble.pool().name()

  /** As kotlinx's `ExecutorCoroutineDispatcher` does for a closed executor: cancel, and let it finish elsewhere. */
  fun runElsewhere(context: CoroutineContext, block: Runnable, refusal: RejectedExecutionException) {
    context.cancel(CancellationException("The task was rejected", refusal))
    Dispatchers.IO.dispatch(context, block)
  }
}

/**
 * A coroutine's block on the pool. A pool that is stopped now cancels the tasks still queued in it or in the thimble's
 * lane (those that are [Future]s), which are dropped unrun: this one then goes the way of a rejected dispatch, rather
 * than leave its coroutine suspended for ever. Only [cancel] and [run] matter, so it is no `FutureTask` (which costs
 * 72 bytes a dispatch with its adapter) but one compare-and-set that decides between running and being cancelled.
 */
private class DispatchedBlock(
  private val dispatcher: ThimbleDispatcher,
  private val context: CoroutineContext,
  private val block: Runnable,
) : Runnable, Future<Unit> {
  /** Changed only through [STATE]; not private, so that the updater (made in the companion) may reach it. */
  @JvmField
  @Volatile
  var state = NEW

  override fun run() {
    if (!STATE.compareAndSet(this, NEW, RAN)) return // cancelled: sent elsewhere already
    try {
      block.run()
    } catch (t: Throwable) {
      // kotlinx's blocks handle their own failures; one that still throws is reported, as the pool would have.
      val me = Thread.currentThread()
      me.uncaughtExceptionHandler.uncaughtException(me, t)
    }
  }

  override fun cancel(mayInterruptIfRunning: Boolean): Boolean {
    if (!STATE.compareAndSet(this, NEW, CANCELLED)) return false
    dispatcher.runElsewhere(context, block, RejectedExecutionException(
      "pool ${dispatcher.poolName()} was stopped now (stopNow()) before the coroutine could run on it",
    ))
    return true
  }

  override fun isCancelled(): Boolean = state == CANCELLED

  override fun isDone(): Boolean = state != NEW

  // A block is never waited for: nothing holds it but the pool, which only runs or cancels it.
  override fun get(): Unit = throw UnsupportedOperationException("a dispatched coroutine block is not awaited")

  override fun get(timeout: Long, unit: TimeUnit): Unit = get()

  private companion object {
    val STATE: AtomicIntegerFieldUpdater<DispatchedBlock> =
      AtomicIntegerFieldUpdater.newUpdater(DispatchedBlock::class.java, "state")
  }
}

private const val NEW = 0
private const val RAN = 1
private const val CANCELLED = 2
