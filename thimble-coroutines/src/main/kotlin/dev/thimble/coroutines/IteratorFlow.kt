package dev.thimble.coroutines

import dev.thimble.Thimble
import java.util.concurrent.CompletableFuture
import java.util.concurrent.RejectedExecutionException
import java.util.stream.BaseStream
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withContext

/**
 * A cold flow over the `Iterator`, `Iterable` or `Stream` that [open]'s call returns. Each collection makes the
 * call, then pulls one element per call on the thimble's pool (a pull blocked in `hasNext()` is interrupted by the
 * collector's cancellation, like any call), and closes the source on the pool however the collection ends.
 */
internal fun iteratorFlow(thimble: Thimble<*>, what: String, open: () -> CompletableFuture<Any?>): Flow<Any?> = flow {
  val source = open().awaitCall() ?: throw IllegalStateException("$what returned null instead of a source")
  val cursor = Cursor(source)
  var failure: Throwable? = null
  try {
    while (true) {
      val next = thimble.runOnPool { cursor.next() }
      if (next === End) {
        break
      }
      emit(next)
    }
  } catch (e: Throwable) {
    failure = e
    throw e
  } finally {
    withContext(NonCancellable) {
      try {
        try {
          thimble.runOnPool { cursor.close() }
        } catch (stopped: RejectedExecutionException) {
          cursor.close() // no pool to close it on: close it here rather than never
        }
      } catch (closeError: Throwable) {
        if (failure == null) throw closeError
        if (closeError !== failure) failure.addSuppressed(closeError)
      }
    }
  }
}

/** Marks the end of the elements. */
private object End

/**
 * One collection's position in a source. Pulls and the close are calls on the pool, one at a time from the
 * collector; the lock makes a close wait for a pull that was interrupted to return before it closes the source.
 */
private class Cursor(private val source: Any) {
  private val lock = Any()
  // Guarded by lock.
  private var iterator: Iterator<*>? = null
  private var closed = false

  fun next(): Any? = synchronized(lock) {
    check(!closed) { "the source is closed" }
    val it = iterator ?: open().also { iterator = it }
    if (it.hasNext()) it.next() else End
  }

  private fun open(): Iterator<*> = when (source) {
    is Iterator<*> -> source
    is Iterable<*> -> source.iterator()
    is BaseStream<*, *> -> source.iterator()
    else -> throw IllegalStateException("not a source: ${source.javaClass.name}") // checked when the face was made
  }

  fun close(): Unit = synchronized(lock) {
    if (closed) {
      return
    }
    closed = true
    val it = iterator
    if (it is AutoCloseable && it !== source) {
      it.close()
    }
    if (source is AutoCloseable) { // BaseStream is AutoCloseable
      source.close()
    }
  }
}
