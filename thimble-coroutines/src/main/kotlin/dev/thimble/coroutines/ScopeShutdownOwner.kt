@file:JvmName("ScopeShutdownOwners")

package dev.thimble.coroutines

import dev.thimble.ShutdownOwner
import dev.thimble.coroutines.internal.ScopeShutdownOwner
import kotlinx.coroutines.CoroutineScope

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
