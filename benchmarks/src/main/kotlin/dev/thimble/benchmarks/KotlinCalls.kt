package dev.thimble.benchmarks

import dev.thimble.Thimble
import dev.thimble.coroutines.call
import dev.thimble.coroutines.dispatcher
import dev.thimble.coroutines.suspending
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.Executor

/** The suspending face thimble's Kotlin adapter implements over [Counter]. */
interface SuspendingCounter {
  /** Runs [Counter.inc] on the pool; the caller suspends. */
  suspend fun inc(x: Int): Int
}

/**
 * The Kotlin ways of making one blocking call off the caller's thread, each driven by `runBlocking` per call (the
 * same for all, so that its cost cancels out in the ratios): thimble's suspending proxy, `thimble.call`,
 * `withContext(thimble.dispatcher)`, and `withContext` on the same executor as a dispatcher and on
 * `Dispatchers.IO`.
 */
class KotlinCalls(private val target: Counter, private val thimble: Thimble<Counter>, executor: Executor) {
  private val face: SuspendingCounter = thimble.suspending<SuspendingCounter>()
  private val executorDispatcher = executor.asCoroutineDispatcher()
  private val thimbleDispatcher = thimble.dispatcher

  /** `face.inc(x)` on thimble's suspending proxy. */
  fun suspendProxy(x: Int): Int = runBlocking { face.inc(x) }

  /** `thimble.call { it.inc(x) }`. */
  fun thimbleCall(x: Int): Int = runBlocking { thimble.call { it.inc(x) } }

  /** `withContext(thimble.dispatcher) { target.inc(x) }`. */
  fun withContextThimbleDispatcher(x: Int): Int = runBlocking { withContext(thimbleDispatcher) { target.inc(x) } }

  /** `withContext(executor.asCoroutineDispatcher()) { target.inc(x) }`: the baseline. */
  fun withContextExecutor(x: Int): Int = runBlocking { withContext(executorDispatcher) { target.inc(x) } }

  /** `withContext(Dispatchers.IO) { target.inc(x) }`. */
  fun withContextIo(x: Int): Int = runBlocking { withContext(Dispatchers.IO) { target.inc(x) } }
}
