@file:JvmName("ScopeShutdownOwners")

package dev.thimble.coroutines

import dev.thimble.ShutdownOwner
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Job

/**
 * A [ShutdownOwner] that stops the pools registered with it when this scope's [Job] completes or is cancelled.
 *
 * ```
 * val scope = CoroutineScope(SupervisorJob())
 * val thimble = Thimble.builder(Car()).pool(pool).shutdownOwner(scope.asShutdownOwner()).build()
 * // ... the first call starts the pool
 * scope.cancel() // the pool stops once the scope's coroutines have ended
 * ```
 *
 * A thimble with this owner also has a scope of its own: [async] without a scope runs there.
 *
 * ## Threading
 * Registered actions (a thimble's graceful stop of its pool, which waits for queued calls up to its stop timeout)
 * may block, so each runs on a new daemon thread named `thimble-stop-<n>`, never on the thread that completes the
 * job. An action registered after the job completed starts at once the same way.
 *
 * @throws IllegalArgumentException if the scope has no [Job] (such as `GlobalScope`): it would never stop anything
 */
public fun CoroutineScope.asShutdownOwner(): ShutdownOwner = ScopeShutdownOwner(this)

/** [asShutdownOwner]'s owner: stops pools from `job.invokeOnCompletion`, off the completing thread. */
internal class ScopeShutdownOwner(internal val scope: CoroutineScope) : ShutdownOwner {
  private val job: Job = requireNotNull(scope.coroutineContext[Job]) {
    "scope has no Job, so it never completes and could not stop a pool: $scope; use a scope with a Job, such as " +
      "CoroutineScope(SupervisorJob())"
  }

  /** Registrations not yet run, so that [remove] can dispose of them; keyed by the action itself. */
  private val registrations = ConcurrentHashMap<Runnable, DisposableHandle>()

  override fun onShutdown(action: Runnable) {
    val handle = job.invokeOnCompletion {
      registrations.remove(action)
      val thread = Thread(action, "thimble-stop-" + STOP_THREADS.incrementAndGet())
      thread.isDaemon = true
      thread.start()
    }
    registrations[action] = handle
    if (job.isCompleted) {
      registrations.remove(action) // the handler ran already (perhaps before the put): nothing left to dispose of
    }
  }

  /** A closed thimble's stop is not needed any more: the scope need not keep it (nor its pool) until it ends. */
  override fun remove(action: Runnable) {
    registrations.remove(action)?.dispose()
  }

  /** How many registered actions wait for the scope to end (for tests). */
  internal fun registered(): Int = registrations.size

  override fun toString(): String = "ShutdownOwner[$scope]"

  private companion object {
    val STOP_THREADS = AtomicInteger()
  }
}
