package dev.thimble.internal;

import dev.thimble.Thimble;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The entry points an adapter module reaches a thimble through: faces of its own kinds, a single bound method, and
 * per-thimble state. No compatibility promise (see the package).
 */
public final class Adapters {
  private Adapters() {}

  private static volatile @Nullable Access access;

  /**
   * Makes a face over {@code thimble}'s target with the core's parser and {@code adapter}'s kinds of return: every
   * member parsed once, here, with the core's rules and messages.
   *
   * @param thimble the thimble
   * @param face the face, an interface
   * @param adapter the adapter's kinds
   * @param <A> the face's type
   * @return the proxy
   * @throws IllegalArgumentException if {@code face} is not an interface or one of its members fits no target method
   */
  public static <A> A proxy(Thimble<?> thimble, Class<A> face, FaceAdapter adapter) {
    Objects.requireNonNull(adapter, "adapter == null");
    return access(thimble).proxy(thimble, face, adapter);
  }

  /**
   * Matches one face method to the target's method, as the parser does for each member, with the thimble's hooks.
   *
   * @param thimble the thimble
   * @param faceMethod the face method (for names in calls, timeouts and errors)
   * @param parameterTypes the parameter types to match exactly
   * @param resultType the type the result must fit, or {@code null} to leave it to the caller
   * @return the bound method
   * @throws IllegalArgumentException with the parser's messages
   */
  public static BoundMethod bind(Thimble<?> thimble, Method faceMethod, Class<?>[] parameterTypes,
      @Nullable Type resultType) {
    Objects.requireNonNull(faceMethod, "faceMethod == null");
    Objects.requireNonNull(parameterTypes, "parameterTypes == null");
    return access(thimble).bind(thimble, faceMethod, parameterTypes.clone(), resultType);
  }

  /**
   * Per-thimble state of an adapter, made once per type and kept for the thimble's life (the Kotlin adapter's
   * dispatcher).
   *
   * @param thimble the thimble
   * @param type the state's type: the key
   * @param create makes the state on first use; may run more than once under a race, one result is kept
   * @param <T> the target's type
   * @param <V> the state's type
   * @return the state
   */
  public static <T, V> V attachment(Thimble<T> thimble, Class<V> type,
      Function<? super Thimble<T>, ? extends V> create) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(create, "create == null");
    return access(thimble).attachment(thimble, type, create);
  }

  /**
   * Whether a value of type {@code from} fits where {@code to} is wanted, by the parser's rules: type arguments
   * included, as {@code javac} sees them; a type variable the target's class leaves unbound fits what fits its bound,
   * unchecked, as erasure is. For a kind that checks its target method itself (a {@code Flow}'s elements).
   *
   * @param from the type of the value ({@link BoundMethod#returnType()}, or a type argument of it)
   * @param to the type wanted
   * @return whether it fits
   */
  public static boolean fits(Type from, Type to) {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    return access().fits(from, to);
  }

  /**
   * The type argument {@code type} gives to {@code generic}, a one-parameter supertype of it: an {@code ArrayList<
   * String>}'s as an {@code Iterable} is {@code String}.
   *
   * @param type a type, such as {@link BoundMethod#returnType()}
   * @param generic one of its supertypes with one type parameter
   * @return the argument, or {@code null} where a raw type leaves it unknown or {@code generic} is no such supertype
   */
  public static @Nullable Type typeArgument(Type type, Class<?> generic) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(generic, "generic == null");
    return access().typeArgument(type, generic);
  }

  private static Access access(Thimble<?> thimble) {
    Objects.requireNonNull(thimble, "thimble == null");
    return access();
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      initialiseCore(); // an adapter may ask before any Thimble exists: Thimble's initialiser installs the access
      a = access;
      if (a == null) {
        throw new IllegalStateException("dev.thimble.Thimble did not install its access");
      }
    }
    return a;
  }

  /**
   * Runs {@code Thimble}'s class initialiser, which installs the core's access, if it has not run yet. Its name is
   * read from the class itself, so a shrinker's renaming does not matter; called from that very initialiser, it
   * returns at once, as the JVM lets a class's initialising thread do.
   */
  private static void initialiseCore() {
    try {
      Class.forName(Thimble.class.getName(), true, Thimble.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e); // Thimble.class is loaded already: it is named right here
    }
  }

  /**
   * Installs the core's side of these entry points; called once, by {@code Thimble}'s class initialiser (OkHttp's
   * {@code Internal.instance}), since this package cannot see the core's package-private machinery.
   *
   * @param impl the core's access
   * @throws IllegalStateException if called twice, or with any access but the core's
   */
  public static void install(Access impl) {
    Objects.requireNonNull(impl, "impl == null");
    // This method is public (the core is another package), so a user could call it. Thimble's initialiser runs
    // first and installs the core's access, so any other call finds it installed already and is refused: nobody
    // sees the adapters' calls in the core's place, and Thimble's initialiser never meets a stranger's access.
    initialiseCore();
    synchronized (Adapters.class) {
      if (access != null) {
        throw new IllegalStateException("installed already: only dev.thimble.Thimble installs its access");
      }
      access = impl;
    }
  }


  /** The core's side of {@link Adapters}, implemented in {@code dev.thimble}. */
  public abstract static class Access {
    /** For the core. */
    protected Access() {}

    /**
     * See {@link Adapters#proxy}.
     *
     * @param thimble the thimble
     * @param face the face
     * @param adapter the adapter
     * @param <A> the face's type
     * @return the proxy
     */
    protected abstract <A> A proxy(Thimble<?> thimble, Class<A> face, FaceAdapter adapter);

    /**
     * See {@link Adapters#bind}.
     *
     * @param thimble the thimble
     * @param faceMethod the face method
     * @param parameterTypes the parameter types
     * @param resultType the result type, or {@code null}
     * @return the bound method
     */
    protected abstract BoundMethod bind(Thimble<?> thimble, Method faceMethod, Class<?>[] parameterTypes,
        @Nullable Type resultType);

    /**
     * See {@link Adapters#attachment}.
     *
     * @param thimble the thimble
     * @param type the key
     * @param create the maker
     * @param <T> the target's type
     * @param <V> the state's type
     * @return the state
     */
    protected abstract <T, V> V attachment(Thimble<T> thimble, Class<V> type,
        Function<? super Thimble<T>, ? extends V> create);

    /**
     * See {@link Adapters#fits}.
     *
     * @param from the value's type
     * @param to the type wanted
     * @return whether it fits
     */
    protected abstract boolean fits(Type from, Type to);

    /**
     * See {@link Adapters#typeArgument}.
     *
     * @param type the type
     * @param generic a one-parameter supertype of it
     * @return the argument, or {@code null}
     */
    protected abstract @Nullable Type typeArgument(Type type, Class<?> generic);
  }
}
