package dev.thimble.examples.docs

// README:begin docs-kotlin-scope-owner
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import dev.thimble.coroutines.asShutdownOwner
import dev.thimble.coroutines.async
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.withContext

suspend fun scopeOwnsThePool(): String {
  val scope = CoroutineScope(SupervisorJob())
  val pool = ThimblePool.builder("owned").threads(2, 2).build()
  val thimble = Thimble.builder(Car()).pool(pool).shutdownOwner(scope.asShutdownOwner()).build()

  val driven = thimble.async { car -> car.driveTo("work") }.await() // in the scope; starts the pool
  scope.cancel() // the pool stops once the scope's coroutines have ended
  val stopped = withContext(Dispatchers.IO) { pool.awaitStopped(10, TimeUnit.SECONDS) }
  return "$driven; pool stopped with its scope: $stopped"
}
// README:end
