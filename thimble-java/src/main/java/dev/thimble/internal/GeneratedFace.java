package dev.thimble.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The base class of the faces {@code thimble-processor} generates: a face's class {@code AsyncCar_Thimble}, next to
 * {@code AsyncCar}, extends this and implements the face, calling the target's methods directly. {@code
 * Thimble.proxy} (and the Kotlin adapter's {@code suspending}) use it when it exists, and make the reflective proxy
 * when it does not. Its public constructor takes a {@link FaceBinder}; its {@code toString} is the reflective
 * face's, and its {@code equals} and {@code hashCode} are identity, as a reflective face's are.
 *
 * <p>The static methods are what each generated member's body is, per kind of member, so that generated and
 * reflective faces behave the same. No compatibility promise (see the package): a generated face needs the {@code
 * thimble-java} of the processor's own version.
 */
public abstract class GeneratedFace {
  /** What a face generated for {@code Face} is called, within {@code Face}'s package: {@code Face_Thimble}. */
  public static final String SUFFIX = "_Thimble";

  private final String description;

  /**
   * For generated faces.
   *
   * @param binder what the face is made from
   */
  protected GeneratedFace(FaceBinder binder) {
    this.description = binder.description();
  }

  @Override
  public final String toString() {
    return description;
  }

  /**
   * A member returning a future: the call runs on the pool, with the thimble's policies; a full pool fails the future
   * with a {@link java.util.concurrent.RejectedExecutionException}.
   *
   * @param member the bound member
   * @param args the member's arguments; {@code null} for none
   * @param <R> the future's value
   * @return the call's future
   */
  @SuppressWarnings("unchecked")
  protected static <R extends @Nullable Object> CompletableFuture<R> async(BoundMethod member,
      @Nullable Object @Nullable [] args) {
    return (CompletableFuture<R>) (CompletableFuture<?>) member.submit(args);
  }

  /**
   * A member whose target method returns a future already: the target is called here, with the thimble's hooks, and
   * its future passed on; a failure to call it fails the future instead of being thrown.
   *
   * @param member the bound member
   * @param args the member's arguments; {@code null} for none
   * @param <F> the member's future type
   * @return the target's future
   */
  @SuppressWarnings("unchecked")
  protected static <F extends @Nullable Object> F alreadyAsync(BoundMethod member, @Nullable Object @Nullable [] args) {
    try {
      return (F) member.invoke(args);
    } catch (Throwable e) {
      CompletableFuture<Object> failed = new CompletableFuture<>();
      failed.completeExceptionally(e);
      return (F) failed;
    }
  }

  /**
   * A member called on the caller's thread, with the thimble's hooks.
   *
   * @param member the bound member
   * @param args the member's arguments; {@code null} for none
   * @param <R> the member's return type, boxed
   * @return the target method's result
   * @throws Exception what the target method throws; the generated member wraps a checked exception it does not
   *     declare in an {@link java.lang.reflect.UndeclaredThrowableException}, as a reflective face does
   */
  @SuppressWarnings("unchecked")
  protected static <R extends @Nullable Object> R call(BoundMethod member, @Nullable Object @Nullable [] args)
      throws Exception {
    return (R) member.invoke(args);
  }
}
