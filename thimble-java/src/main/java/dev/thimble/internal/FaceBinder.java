package dev.thimble.internal;

import dev.thimble.Invoker;
import dev.thimble.Thimble;

/**
 * What a face generated at compile time (by {@code thimble-processor}) is made from: the thimble's target, and each
 * member's call bound to the thimble's policies. The core makes one per face it makes and hands it to the generated
 * class's constructor; see {@link GeneratedFace}. No compatibility promise (see the package).
 */
public abstract class FaceBinder {
  /** For the core. */
  protected FaceBinder() {}

  /**
   * The thimble's target, as the type the face was generated for.
   *
   * @param type the face's {@code @ThimbleFace(target = ...)}
   * @param <T> that type
   * @return the target
   */
  public abstract <T> T target(Class<T> type);

  /**
   * The thimble the face is made over (for an adapter's members: the Kotlin adapter's {@code Deferred} members start
   * in its scope).
   *
   * @return the thimble
   */
  public abstract Thimble<?> thimble();

  /**
   * What the face's {@code toString} says: {@code "AsyncCar proxy of Thimble[...]"}, as a reflective face's does.
   *
   * @return the description
   */
  public abstract String description();

  /**
   * Binds one member to the thimble: its name (listeners' call name, per-method timeout), and its hooks, applied to
   * {@code direct}, which calls the target method without reflection. The target's {@link
   * java.lang.reflect.Method} is looked up only where something asks for it (a hook, {@link
   * BoundMethod#targetMethod()}).
   *
   * @param face the simple name of the interface that declares the member ({@code AsyncCar}), for messages
   * @param name the member's name, which is the target method's
   * @param parameterTypes the target method's parameter types
   * @param direct calls the target method with the member's arguments
   * @return the bound member
   */
  public abstract BoundMethod bind(String face, String name, Class<?>[] parameterTypes, Invoker direct);
}
