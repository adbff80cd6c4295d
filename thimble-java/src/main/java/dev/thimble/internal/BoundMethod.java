package dev.thimble.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A target method matched to a face member, with the thimble's hooks applied, its timeout and names decided: what a
 * {@link ReturnKind} adapts to its kind of return.
 */
public interface BoundMethod {
  /** @return the target's method that was matched */
  Method targetMethod();

  /**
   * The target method's return type, its type variables resolved as the target's class binds them: {@code
   * List<User>} for a {@code UserRepository extends JdbcRepository<User>}'s {@code List<T> all()}. A variable the
   * class leaves unbound stays a {@link java.lang.reflect.TypeVariable}; check with {@link Adapters#fits}.
   *
   * @return the resolved return type
   */
  Type returnType();

  /**
   * Calls the method on the caller's thread (a pass-through member).
   *
   * @param args the arguments
   * @return the method's result
   * @throws Exception the target's own exception
   */
  @Nullable Object invoke(@Nullable Object @Nullable [] args) throws Exception;

  /**
   * Calls the method on the pool, with the thimble's policies.
   *
   * @param args the arguments
   * @return the call's future; a full pool fails it with a {@link java.util.concurrent.RejectedExecutionException}
   */
  CompletableFuture<@Nullable Object> submit(@Nullable Object @Nullable [] args);

  /**
   * Like {@link #submit}, but a full pool makes the call wait for room instead of failing.
   *
   * @param args the arguments
   * @return the call's future
   */
  CompletableFuture<@Nullable Object> submitWhenRoom(@Nullable Object @Nullable [] args);

  /**
   * Like {@link #submitWhenRoom(Object[])}, for a method whose result holds a resource (an open cursor, a stream):
   * should the call be cancelled or time out while the method runs, the future ends at once and the value the
   * method returns afterwards reaches no caller; it goes to {@code ifAbandoned} instead, on the pool thread, to
   * be closed there. A value that does complete the future is the caller's, as usual.
   *
   * @param args the arguments
   * @param ifAbandoned takes a value the method returned after its call had ended; what it throws is reported to
   *     the pool thread's uncaught-exception handler
   * @return the call's future
   */
  CompletableFuture<@Nullable Object> submitWhenRoom(@Nullable Object @Nullable [] args,
      Consumer<@Nullable Object> ifAbandoned);
}
