/**
 * Thimble: non-blocking faces over objects with a blocking API.
 *
 * <p>A {@link dev.thimble.Thimble} wraps one target object and a {@link dev.thimble.ThimblePool}. Its faces
 * &mdash; {@link dev.thimble.Thimble#proxy(Class) interface proxies} and
 * {@link dev.thimble.Thimble#submit(BlockingFunction) submit} &mdash; return {@link
 * java.util.concurrent.CompletableFuture}s and run the blocking calls on the pool. Every future a thimble returns
 * completes: with a value, an exception or a cancellation.
 */
@NullMarked
package dev.thimble;

import org.jspecify.annotations.NullMarked;
