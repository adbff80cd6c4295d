package dev.thimble.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * One kind of return a face member can have (Retrofit's {@code CallAdapter.Factory}): how to recognise it, and how
 * to adapt the core's call of the matched target method to it. The parser does the rest, once per member: finding
 * the target method, checking its result, applying hooks, the messages.
 *
 * <p>The core's own kinds (a future: the call runs on the pool; a target that already returns one: passed on;
 * anything else: called on the caller's thread) come after an adapter's, so an adapter can claim any member first.
 */
public interface ReturnKind {
  /**
   * Whether {@code member}, a method of the face without a body, is of this kind.
   *
   * @param member the face method
   * @return {@code true} to let this kind adapt it
   */
  boolean recognises(Method member);

  /**
   * The parameter types the target's method must have: the member's own, unless the kind adds some of its own
   * (a Kotlin {@code suspend fun}'s continuation).
   *
   * @param member a member this kind recognised
   * @return the parameter types to match exactly
   */
  Class<?>[] targetParameters(Method member);

  /**
   * The type the target method's result must fit, which the parser checks with its message; {@code null} when the
   * kind checks the target method itself, in {@link #adapt} (throwing {@link FaceMessages#methodError}).
   *
   * @param member a member this kind recognised
   * @return the wanted result type, or {@code null}
   */
  @Nullable Type resultType(Method member);

  /**
   * Makes what a call of {@code member} does, once.
   *
   * @param member a member this kind recognised
   * @param call the matched target method, bound to the thimble
   * @return the member's call
   * @throws IllegalArgumentException if the target method does not fit the member
   */
  MemberCall adapt(Method member, BoundMethod call);
}
