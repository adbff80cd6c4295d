package dev.thimble.examples.docs

// README:begin docs-kotlin-cancellation
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.suspending
import java.util.concurrent.LinkedBlockingQueue
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

class Blocker {
  fun take(): String = LinkedBlockingQueue<String>().take() // blocks until interrupted

  fun echo(text: String): String = text
}

interface SuspendingBlocker {
  suspend fun take(): String

  suspend fun echo(text: String): String
}

suspend fun cancelABlockedCall(): String = coroutineScope {
  val oneThread = ThimblePool.builder("one").threads(0, 1).build()
  val face = Thimble.of(Blocker(), oneThread).suspending<SuspendingBlocker>()
  val caller = launch(start = CoroutineStart.UNDISPATCHED) { face.take() } // BlockingQueue.take() on the pool
  caller.cancelAndJoin() // queued: removed; running: the pool thread is interrupted, take() throws
  "cancelled: ${caller.isCancelled}, next call: ${face.echo("next")}" // the only thread is free again
}
// README:end
