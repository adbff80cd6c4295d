/**
 * Test doubles for code that uses thimble: pools that run calls when the test says so, and a shutdown owner the
 * test stops.
 *
 * <p>{@link dev.thimble.testing.InlinePool} runs each call on the calling thread, so futures are complete when a
 * face returns them; {@link dev.thimble.testing.ManualPool} holds calls until the test runs them, for exact
 * interleavings; {@link dev.thimble.testing.FakeShutdownOwner} stops owned pools when the test says so.
 */
@NullMarked
package dev.thimble.testing;

import org.jspecify.annotations.NullMarked;
