package dev.thimble.coroutines.internal

import dev.thimble.ShutdownOwner
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.Job

// In dev.thimble.coroutines.internal, not the public package: a Kotlin `internal` declaration is public to Java.

/** `asShutdownOwner`'s owner: stops pools from `job.invokeOnCompletion`, off the completing thread. */
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
