package dev.thimble;

import org.jspecify.annotations.Nullable;

/**
 * One way to call one target method: what a {@link Hook} receives and returns.
 *
 * <p>The invoker a face starts from calls the target method reflectively, throwing the target's own exception
 * (never an {@link java.lang.reflect.InvocationTargetException}).
 */
@FunctionalInterface
public interface Invoker {
  /**
   * Calls the method.
   *
   * @param args the arguments, exactly as the face method received them ({@code null} for none)
   * @return the method's result, boxed; {@code null} for {@code void}
   * @throws Exception whatever the method throws
   */
  @Nullable Object invoke(@Nullable Object @Nullable [] args) throws Exception;
}
