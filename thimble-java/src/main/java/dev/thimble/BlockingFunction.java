package dev.thimble;

import org.jspecify.annotations.Nullable;

/**
 * A call to make on a thimble's target, on the thimble's pool; it may block and may throw.
 *
 * <p>Used by {@link Thimble#submit(BlockingFunction)}, the face that needs no interface:
 * <pre>{@code
 * CompletableFuture<String> driven = carThimble.submit(car -> car.driveTo("work"));
 * }</pre>
 *
 * @param <T> the target's type
 * @param <R> the result's type; may be nullable ({@code Void} for a call that returns nothing)
 */
@FunctionalInterface
public interface BlockingFunction<T, R extends @Nullable Object> {
  /**
   * Calls the target. Runs on a pool thread.
   *
   * @param target the thimble's target
   * @return the result the returned future completes with
   * @throws Exception any exception; the future fails with this very exception
   */
  R apply(T target) throws Exception;
}
