package dev.thimble.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an adapter module adds to the core's face parser, for the faces it makes ({@link Adapters#proxy}): its kinds
 * of return, where its language keeps member bodies, and how its users write type names. The core's Java faces
 * ({@code Thimble.proxy}) are parsed with the defaults.
 */
public abstract class FaceAdapter {
  /** For subclasses. */
  protected FaceAdapter() {}

  /**
   * The adapter's kinds of return, tried in this order before the core's own.
   *
   * @return the kinds; empty by default
   */
  public List<ReturnKind> kinds() {
    return Collections.emptyList();
  }

  /**
   * What the proxy's {@code toString} calls it: {@code "proxy"}, {@code "suspending proxy"}.
   *
   * @return the proxy's kind, in words
   */
  public String proxyName() {
    return "proxy";
  }

  /**
   * The body of {@code member} where the adapter's language keeps it outside a JVM {@code default} method (Kotlin
   * compiles bodies into {@code Face$DefaultImpls}); a JVM {@code default} method is found by the core itself.
   *
   * @param face the face
   * @param member one of its methods
   * @return the body, or {@code null} if it has none there
   */
  public @Nullable MemberCall body(Class<?> face, Method member) {
    return null;
  }

  /**
   * How a member with a body runs: as written, unless the language asks more of it (a {@code suspend fun} whose
   * body fails at once must hand the failure to its continuation, not throw it from the proxy).
   *
   * @param member the member
   * @param body its body
   * @return what a call of it does
   */
  public MemberCall withBody(Method member, MemberCall body) {
    return body;
  }

  /**
   * How to declare a member that is called on the caller's thread so that it runs on the pool instead, for messages.
   *
   * @param member the member
   * @param result the type its call would have as a result, boxed
   * @return {@code "return CompletableFuture<Integer>"} by default
   */
  public String toRunOnThePool(Method member, Class<?> result) {
    return "return CompletableFuture<" + FaceMessages.typeName(result) + ">";
  }

  /**
   * A type as the face's users write it, for messages about the face ({@code Int} in Kotlin, {@code Integer} in
   * Java): a type of {@code member} (its return type, or the result it stands for), or one to declare it with.
   *
   * @param member the member the type belongs to
   * @param type the type
   * @return its name
   */
  public String typeName(Method member, Type type) {
    return FaceMessages.typeName(type);
  }
}
