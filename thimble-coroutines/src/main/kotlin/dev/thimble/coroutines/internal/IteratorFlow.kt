package dev.thimble.coroutines.internal

import dev.thimble.Thimble
import dev.thimble.coroutines.awaitCall
import dev.thimble.coroutines.runOnPool
import java.util.concurrent.Callable
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.FutureTask
import java.util.concurrent.atomic.AtomicInteger
import java.util.function.Consumer
import java.util.stream.BaseStream
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withContext

/**
 * A cold flow over the `Iterator`, `Iterable` or `Stream` that [open]'s call returns. Each collection makes the
 * call, then pulls one element per call on the thimble's pool (a pull blocked in `hasNext()` is interrupted by the
 * collector's cancellation, like any call), and closes the source on the pool however the collection ends: exactly
 * once, with no timeout, and where the pool cannot run the close, on the thread that finds out.
 *
 * [open] is given what to do with a source that its call returns after the collector stopped waiting for it
 * (cancelled while the target's method ran): close it, since no one else will. A call that returns `null` fails the
 * collection with an `IllegalStateException` whose message is [ifNull]; a `null` element, when [ifNullElement] is
 * given (the face's elements are not nullable), fails it with a `NullPointerException` whose message that is.
 */
internal fun iteratorFlow(
  thimble: Thimble<*>,
  ifNull: String,
  ifNullElement: String?,
  open: (ifAbandoned: Consumer<Any?>) -> CompletableFuture<Any?>,
): Flow<Any?> = flow {
  currentCoroutineContext().ensureActive() // a cancelled collector opens nothing, as a cancelled call {} submits nothing
  val opening = open(Consumer { late -> if (late != null) Cursor(late).closeSource() })
  val source = try {
    opening.awaitCall()
  } catch (e: Throwable) {
    // Cancelled just as the call returned its source: the future has it, and no one will read it but us.
    opening.whenComplete { value, error ->
      if (error == null && value != null) {
        try {
          Cursor(value).closeSource()
        } catch (closeError: Throwable) {
          e.addSuppressed(closeError)
        }
      }
    }
    throw e
  } ?: throw IllegalStateException(ifNull)
  val cursor = Cursor(source)
  var failure: Throwable? = null
  try {
    while (true) {
      val next = thimble.runOnPool { cursor.next() }
      if (next === End) {
        break
      }
      if (next == null && ifNullElement != null) {
        throw NullPointerException(ifNullElement)
      }
      emit(next)
    }
  } catch (e: Throwable) {
    failure = e
    throw e
  } finally {
    // A pull still running (interrupted, not yet returned) closes the source itself when it returns: the collector
    // never waits for it.
    if (cursor.claimClose()) {
      val closeError = withContext(NonCancellable) { closeOnPool(thimble, cursor) }
      if (closeError != null) {
        if (failure == null) throw closeError
        if (closeError !== failure) failure.addSuppressed(closeError)
      }
    }
  }
}

/**
 * Closes the source on the thimble's pool, through its lane (a source that is not thread-safe is closed in turn with
 * the calls on it), and returns what the close threw. A close is no call: no timeout ends it, and no cancel; where
 * the pool cannot run it (stopped, stopped now while the close waited, the thimble closed), it is closed on the
 * thread that finds out. Either way exactly once.
 */
private suspend fun closeOnPool(thimble: Thimble<*>, cursor: Cursor): Throwable? {
  val close = CloseTask(cursor)
  try {
    thimble.executor().execute(close)
  } catch (refused: RuntimeException) { // RejectedExecutionException, or a broken pool's own
    close.cancel(false) // closes it here
  }
  return close.outcome.await()
}

/**
 * The close, as a task: run on the pool, or, if the pool drops it unrun (`stopNow()` cancels the `Future`s it
 * drops, a lane's waiting ones too) or refuses it, cancelled, which closes the source on the cancelling thread.
 * A `FutureTask` runs once or is cancelled once, never both.
 */
private class CloseTask(private val cursor: Cursor) : FutureTask<Unit>(Callable { cursor.closeSource() }) {
  val outcome = CompletableDeferred<Throwable?>()

  override fun done() {
    outcome.complete(
      if (isCancelled) {
        try {
          cursor.closeSource()
          null
        } catch (e: Throwable) {
          e
        }
      } else {
        try {
          get()
          null
        } catch (e: ExecutionException) {
          e.cause
        }
      },
    )
  }
}

/** Marks the end of the elements. */
private object End

/**
 * One collection's position in a source. Pulls are calls on the pool, one at a time from the collector, so a pull
 * and the close can only overlap when a pull was interrupted and has not returned yet; the [state] hands the close
 * to that pull then, without a lock and without making anyone wait.
 */
private class Cursor(private val source: Any) {
  private val state = AtomicInteger(IDLE)

  /** Written by a pull, read by the close after it: ordered by [state]'s transitions. */
  private var iterator: Iterator<*>? = null

  fun next(): Any? {
    check(state.compareAndSet(IDLE, PULLING)) { "the source is closed" }
    try {
      val it = iterator ?: open().also { iterator = it }
      return if (it.hasNext()) it.next() else End
    } finally {
      if (!state.compareAndSet(PULLING, IDLE)) {
        // The collector gave up on this pull and asked for the close meanwhile: close now that the pull is over.
        state.set(CLOSED)
        try {
          closeSource()
        } catch (e: Throwable) {
          val me = Thread.currentThread()
          me.uncaughtExceptionHandler.uncaughtException(me, e) // no caller left to throw it to
        }
      }
    }
  }

  private fun open(): Iterator<*> = when (source) {
    is Iterator<*> -> source
    is Iterable<*> -> source.iterator()
    is BaseStream<*, *> -> source.iterator()
    else -> throw IllegalStateException("not a source: ${source.javaClass.name}") // checked when the face was made
  }

  /**
   * Asks for the close. Returns `true` if the caller must now call [closeSource]; `false` if it is closed already
   * or a running pull will close it when it returns.
   */
  fun claimClose(): Boolean {
    while (true) {
      when (state.get()) {
        IDLE -> if (state.compareAndSet(IDLE, CLOSED)) return true
        PULLING -> if (state.compareAndSet(PULLING, CLOSE_PENDING)) return false
        else -> return false
      }
    }
  }

  /** Closes the iterator (if it is closeable and not the source) and the source. */
  fun closeSource() {
    var failure: Throwable? = null
    val it = iterator
    if (it is AutoCloseable && it !== source) {
      try {
        it.close()
      } catch (e: Throwable) {
        failure = e
      }
    }
    if (source is AutoCloseable) { // BaseStream is AutoCloseable
      try {
        source.close()
      } catch (e: Throwable) {
        if (failure == null) failure = e else failure.addSuppressed(e)
      }
    }
    if (failure != null) throw failure
  }

  private companion object {
    const val IDLE = 0
    const val PULLING = 1
    const val CLOSE_PENDING = 2
    const val CLOSED = 3
  }
}
