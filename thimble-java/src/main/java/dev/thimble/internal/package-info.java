/**
 * What adapter modules (the Kotlin adapter, a future annotation processor) build on: <b>no compatibility
 * promise</b>. Everything here may change or go in any release, without notice; application code must not use it.
 *
 * <p>The fence, as kotlinx's {@code @InternalCoroutinesApi} is one: the core has no Kotlin, so the fence is this
 * package rather than an opt-in annotation. What is here: the face parser's extension points ({@link
 * dev.thimble.internal.FaceAdapter}, {@link dev.thimble.internal.ReturnKind}), the target method a kind adapts
 * ({@link dev.thimble.internal.BoundMethod}), the parser's messages ({@link dev.thimble.internal.FaceMessages}),
 * the pools' refusals ({@link dev.thimble.internal.PoolRefusals}), and the entry points into a thimble ({@link
 * dev.thimble.internal.Adapters}).
 */
@NullMarked
package dev.thimble.internal;

import org.jspecify.annotations.NullMarked;
