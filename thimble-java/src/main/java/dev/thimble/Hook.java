package dev.thimble;

import java.lang.reflect.Method;

/**
 * Replaces how one target method is called: it is given the thimble, the target's method and how that method would
 * be called, and returns what to call instead.
 *
 * <p>A hook is applied once, when a face is made, and before the call is made asynchronous: for a method the face
 * runs on the pool, the invoker the hook returns is what runs on the pool; for a pass-through method, it runs on the
 * caller's thread. A hook may change the arguments, wrap the call, or both:
 * <pre>{@code
 * Hook addOne = (thimble, method, original) -> args -> original.invoke(new Object[] {(Integer) args[0] + 1});
 * Thimble<Adder> thimble = Thimble.builder(new Adder()).hook("add", addOne).build();
 * }</pre>
 *
 * <p>Hooks apply to interface faces ({@link Thimble#proxy(Class)} and the faces of adapters, such as the Kotlin
 * adapter's suspending faces); {@link Thimble#submit(BlockingFunction)} calls what it is given.
 *
 * @see Hooks#callbacksOn(java.util.concurrent.Executor)
 */
@FunctionalInterface
public interface Hook {
  /**
   * Returns the invoker to use for {@code method} instead of {@code original}.
   *
   * @param thimble the thimble whose face is being made
   * @param method the target's method that the face method was matched to
   * @param original how the method would be called without this hook (possibly already wrapped by an earlier hook)
   * @return the replacement; {@code original} itself to leave the method as it is
   */
  Invoker wrap(Thimble<?> thimble, Method method, Invoker original);
}
