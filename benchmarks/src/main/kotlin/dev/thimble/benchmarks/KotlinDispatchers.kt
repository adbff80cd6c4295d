@file:JvmName("KotlinDispatchers")

package dev.thimble.benchmarks

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.Executor

/**
 * The kotlinx peers the Java benchmarks compare thimble with, callable from Java.
 */

/** `Dispatchers.IO.limitedParallelism(parallelism)` as an [Executor], for `CompletableFuture.supplyAsync`. */
fun ioLimitedExecutor(parallelism: Int): Executor = Dispatchers.IO.limitedParallelism(parallelism).asExecutor()

/** One blocking call on `Dispatchers.IO`, awaited with `runBlocking`: the Kotlin user's default. */
fun incOnIo(target: Counter, x: Int): Int = runBlocking { withContext(Dispatchers.IO) { target.inc(x) } }

/** [calls] concurrent blocking calls of [millis] each on `Dispatchers.IO`, all awaited. */
fun blockingCallsOnIo(target: Counter, calls: Int, millis: Long): Unit = runBlocking {
  coroutineScope {
    repeat(calls) { i -> launch(Dispatchers.IO) { target.incAfter(i, millis) } }
  }
}
