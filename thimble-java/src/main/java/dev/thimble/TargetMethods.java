package dev.thimble;

import dev.thimble.internal.FaceMessages;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Finds the target method a face method stands for, and says exactly what is wrong when there is none.
 *
 * <p>Matching is done as a Java programmer expects of a call: a face parameter type matches a target parameter it
 * could be passed to, overloads resolve to the most specific method, and type variables are resolved through the
 * target's class hierarchy where the class binds them ({@code UserRepository extends JdbcRepository<User>}). A
 * variable the runtime class leaves unbound (a {@code LinkedBlockingQueue} is raw at run time; a generic method's
 * own {@code <T>}) matches any type that fits its bound: unchecked, as erasure is. All of it once, when a face is
 * made.
 */
final class TargetMethods {
  private TargetMethods() {}

  /** A target method matched to a face method, with its types as the target's class binds them. */
  static final class Match {
    final Class<?> targetType;
    final Method method;
    /** The parameter types, resolved; an unbound type variable stays a {@link TypeVariable}. */
    final Type[] parameterTypes;
    /** The return type, resolved. */
    final Type returnType;

    Match(Class<?> targetType, Method method, TypeBindings bindings) {
      this.targetType = targetType;
      this.method = method;
      Type[] generic = method.getGenericParameterTypes();
      Class<?>[] erased = method.getParameterTypes();
      // A generic signature can be shorter than the erased one (an inner class's constructor); trust it only whole.
      Type[] declared = generic.length == erased.length ? generic : erased;
      this.parameterTypes = new Type[declared.length];
      for (int i = 0; i < declared.length; i++) {
        parameterTypes[i] = bindings.resolve(declared[i]);
      }
      this.returnType = bindings.resolve(method.getGenericReturnType());
    }

    /** Erased, for comparing overloads. */
    Class<?>[] erasedParameterTypes() {
      Class<?>[] raw = new Class<?>[parameterTypes.length];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = rawType(parameterTypes[i]);
      }
      return raw;
    }
  }

  /**
   * The target's public method named like {@code faceMethod} that takes {@code parameterTypes}: of the methods
   * whose (resolved) parameter types accept them, the most specific one, with its types resolved for
   * {@code targetType}. It is called through {@link #invoker}, which finds a way to call it from here (a public
   * supertype's declaration, for a non-public class implementing a public interface).
   *
   * @param parameterTypes the face's parameter types (a suspend function's without its continuation); where they
   *     are the erasures of the face method's leading generic parameter types, those are compared, type arguments
   *     included
   * @throws IllegalArgumentException naming {@code faceMethod} if no method fits, or more than one fits equally
   */
  static Match match(Class<?> targetType, Method faceMethod, Class<?>[] parameterTypes) {
    String name = faceMethod.getName();
    Type[] wanted = faceParameterTypes(faceMethod, parameterTypes);
    TypeBindings bindings = TypeBindings.of(targetType);
    List<Match> sameName = new ArrayList<>();
    for (Method m : targetType.getMethods()) {
      if (m.getName().equals(name) && m.getParameterTypes().length == wanted.length
          && !Modifier.isStatic(m.getModifiers())) {
        sameName.add(new Match(targetType, m, bindings));
      }
    }
    List<Match> fitting = applicable(dropHidden(sameName), wanted, false);
    if (fitting.isEmpty()) {
      fitting = applicable(dropHidden(sameName), wanted, true); // as Java does: boxing only when nothing fits without
    }
    if (fitting.isEmpty()) {
      throw methodError(faceMethod, FaceMessages.noSuchMethod(targetType.getSimpleName(), signature(name, wanted),
          closest(targetType, name, parameterTypes, bindings)));
    }
    List<Match> best = mostSpecific(fitting);
    if (best.size() > 1) {
      List<String> candidates = new ArrayList<>();
      for (Match m : best) {
        candidates.add(signature(name, m.parameterTypes));
      }
      throw methodError(faceMethod, FaceMessages.ambiguous(targetType.getSimpleName(), signature(name, wanted),
          candidates));
    }
    return best.get(0);
  }

  /** The face's parameter types, generic where {@code parameterTypes} are the erasures of the leading ones. */
  private static Type[] faceParameterTypes(Method faceMethod, Class<?>[] parameterTypes) {
    Type[] generic = faceMethod.getGenericParameterTypes();
    Type[] wanted = new Type[parameterTypes.length];
    System.arraycopy(parameterTypes, 0, wanted, 0, parameterTypes.length);
    if (generic.length >= parameterTypes.length) {
      for (int i = 0; i < parameterTypes.length; i++) {
        if (rawType(generic[i]) == parameterTypes[i]) {
          wanted[i] = generic[i];
        }
      }
    }
    return wanted;
  }

  /**
   * Of methods with the same erased parameter types (a covariant override and its bridge, one method seen through
   * two supertypes), keeps the one whose return type is the most specific, a method of its own over a bridge.
   */
  private static List<Match> dropHidden(List<Match> all) {
    List<Match> kept = new ArrayList<>();
    outer:
    for (Match m : all) {
      for (int i = 0; i < kept.size(); i++) {
        Match k = kept.get(i);
        if (Arrays.equals(k.method.getParameterTypes(), m.method.getParameterTypes())) {
          Class<?> kr = k.method.getReturnType();
          Class<?> mr = m.method.getReturnType();
          boolean better = kr != mr ? kr.isAssignableFrom(mr) : k.method.isBridge() && !m.method.isBridge();
          if (better) {
            kept.set(i, m);
          }
          continue outer;
        }
      }
      kept.add(m);
    }
    // A bridge javac made for a generic method of the same class (store(Object) for store(User)) is not a method of
    // its own: calling it is calling the other, with a cast that fails.
    List<Match> withoutBridges = new ArrayList<>();
    for (Match m : kept) {
      if (!m.method.isBridge() || !bridgesTo(m.method, kept)) {
        withoutBridges.add(m);
      }
    }
    return withoutBridges;
  }

  private static boolean bridgesTo(Method bridge, List<Match> others) {
    for (Match o : others) {
      Method m = o.method;
      if (m != bridge && !m.isBridge() && m.getDeclaringClass() == bridge.getDeclaringClass()
          && isSubsignature(m.getParameterTypes(), bridge.getParameterTypes())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSubsignature(Class<?>[] specific, Class<?>[] general) {
    for (int i = 0; i < specific.length; i++) {
      if (!general[i].isAssignableFrom(specific[i])) {
        return false;
      }
    }
    return true;
  }

  private static List<Match> applicable(List<Match> candidates, Type[] wanted, boolean boxing) {
    List<Match> fitting = new ArrayList<>();
    for (Match m : candidates) {
      boolean fits = true;
      for (int i = 0; i < wanted.length && fits; i++) {
        Type from = wanted[i];
        Type to = m.parameterTypes[i];
        fits = boxing ? GenericFit.fits(boxed(from), boxed(to)) : GenericFit.fits(from, to);
      }
      if (fits) {
        fitting.add(m);
      }
    }
    return fitting;
  }

  private static Type boxed(Type type) {
    return type instanceof Class ? box((Class<?>) type) : type;
  }

  /** The methods no other is more specific than, comparing erased (resolved) parameter types as Java does. */
  private static List<Match> mostSpecific(List<Match> fitting) {
    List<Match> best = new ArrayList<>();
    for (Match m : fitting) {
      boolean beaten = false;
      for (Match other : fitting) {
        if (other != m && isSubsignature(other.erasedParameterTypes(), m.erasedParameterTypes())
            && !isSubsignature(m.erasedParameterTypes(), other.erasedParameterTypes())) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        best.add(m);
      }
    }
    return best;
  }

  /** Fails unless the target has a public method named {@code name}. */
  static void requireNamed(Class<?> targetType, String name, String option) {
    for (Method m : targetType.getMethods()) {
      if (m.getName().equals(name)) {
        return;
      }
    }
    throw new IllegalArgumentException(option + ": " + targetType.getSimpleName() + " has no public method named "
        + name + closest(targetType, name, null, TypeBindings.of(targetType)));
  }

  /**
   * The method to call reflectively: {@code m} if thimble can reach its declaring class (public, in a package its
   * module exports to thimble), else the same method as declared by a supertype it can reach (the public
   * {@code HttpClient} of the JDK's internal {@code HttpClientFacade}; a non-public class's public interface), else
   * {@code m} made accessible. Checks use {@code m} itself, whose return type may be more specific.
   */
  private static Method callable(Class<?> targetType, Method m, Method faceMethod) {
    if (ModuleAccess.canReach(m.getDeclaringClass())) {
      return m;
    }
    for (Class<?> type : supertypes(targetType)) {
      if (ModuleAccess.canReach(type)) {
        try {
          Method seen = type.getMethod(m.getName(), m.getParameterTypes());
          if (ModuleAccess.canReach(seen.getDeclaringClass())) {
            return seen;
          }
        } catch (NoSuchMethodException notHere) {
          // keep looking
        }
      }
    }
    try {
      m.setAccessible(true);
      return m;
    } catch (RuntimeException e) { // InaccessibleObjectException on JDK 9+
      Class<?> declaring = m.getDeclaringClass();
      String what = signature(m.getName(), m.getParameterTypes()) + " is declared by " + declaring.getName();
      String advice = ModuleAccess.advice(declaring);
      if (advice != null) {
        throw methodError(faceMethod, what + ", " + advice);
      }
      throw methodError(faceMethod, what + ", which is not public, and by no public supertype; make it public "
          + "or declare the method in a public interface the target implements (" + e.getMessage() + ")");
    }
  }

  /**
   * A copy of {@code m} that skips the access check {@link Method#invoke} otherwise makes on every call (a visible
   * part of a call's own cost: see {@code CallOverheadBenchmark}, pool=direct): its access was settled when it was
   * matched. A copy, so that the {@code Method} an adapter can see
   * ({@link dev.thimble.internal.BoundMethod#targetMethod()}) is left as it was. Where the flag cannot be set (a
   * module that does not open the package), {@code m} is used as it is.
   */
  private static Method withoutAccessChecks(Method m) {
    try {
      Method copy = m.getDeclaringClass().getDeclaredMethod(m.getName(), m.getParameterTypes());
      copy.setAccessible(true);
      return copy;
    } catch (NoSuchMethodException | RuntimeException e) { // InaccessibleObjectException, SecurityException
      return m;
    }
  }

  private static List<Class<?>> supertypes(Class<?> type) {
    List<Class<?>> all = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      all.add(c);
    }
    for (int i = 0; i < all.size(); i++) {
      for (Class<?> iface : all.get(i).getInterfaces()) {
        if (!all.contains(iface)) {
          all.add(iface);
        }
      }
    }
    return all;
  }

  /**
   * Fails unless {@code targetMethod}'s result, its type variables resolved as {@code targetType} binds them, fits
   * {@code wanted} (the face's {@code R}), type arguments included.
   *
   * @param what what {@code wanted} is, for the message: {@code "the result"}, {@code "CompletableFuture's value"}
   * @param faceNames names a type as the face's users write it ({@code Int} for a Kotlin face): the type wanted and
   *     the one to declare instead
   */
  static void checkResult(Class<?> targetType, Method faceMethod, Method targetMethod, Type wanted, String what,
      Function<Type, String> faceNames) {
    Type returned = returnType(targetType, targetMethod);
    Type returnedBoxed = boxed(returned);
    if (!GenericFit.fits(returnedBoxed, boxed(wanted))) {
      // Where the classes fit and only type arguments do not, the whole type says what to declare.
      boolean classesFit = box(rawType(wanted)).isAssignableFrom(box(rawType(returned)));
      throw methodError(faceMethod, FaceMessages.resultDoesNotFit(targetMethod.getDeclaringClass().getSimpleName()
          + "." + signature(targetMethod.getName(), targetMethod.getParameterTypes()), typeName(returned), what,
          faceNames.apply(wanted), faceNames.apply(classesFit ? returnedBoxed : box(rawType(returned)))));
    }
  }

  /** {@code targetMethod}'s generic return type with the type variables {@code targetType} binds resolved. */
  static Type returnType(Class<?> targetType, Method targetMethod) {
    return TypeBindings.of(targetType).resolve(targetMethod.getGenericReturnType());
  }

  /**
   * Whether a value of type {@code from} fits where {@code to} is wanted, type arguments included where both have
   * them; an unbound type variable on either side fits what fits its bound (unchecked).
   */
  static boolean fits(Type from, Type to) {
    return GenericFit.fits(from, to);
  }

  /**
   * The type argument {@code type} gives to {@code generic}, a one-parameter supertype of it (the element type of a
   * {@code List<String>} as an {@code Iterable}: {@code String}); {@code null} where a raw type on the way leaves it
   * unknown, or {@code generic} is not such a supertype.
   */
  static @Nullable Type typeArgumentAs(Type type, Class<?> generic) {
    Type[] arguments = GenericFit.argumentsAs(type, generic);
    return arguments != null && arguments.length == 1 ? arguments[0] : null;
  }

  /** A plain {@link IllegalArgumentException}, a type users may name, whose message ends with the face method. */
  static IllegalArgumentException methodError(Method faceMethod, String message) {
    return FaceMessages.methodError(faceMethod, message);
  }

  /**
   * The invoker that calls {@code targetMethod} on {@code target} and throws what the target throws.
   *
   * @throws IllegalArgumentException if the method cannot be called from here, naming {@code faceMethod}
   */
  /**
   * The method a call of {@code targetMethod} goes through: itself, or the same method as a public supertype the
   * core can reach declares it ({@code HttpClient.send} for {@code jdk.internal.net.http.HttpClientFacade.send}).
   */
  static Method reachable(Object target, Method targetMethod, Method faceMethod) {
    return callable(target.getClass(), targetMethod, faceMethod);
  }

  /** Calls {@code reachable} (from {@link #reachable}) on {@code target}, its exceptions rethrown as themselves. */
  static Invoker invoker(Object target, Method reachable) {
    Method m = withoutAccessChecks(reachable);
    return args -> {
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw Sneaky.<Exception>rethrow(cause != null ? cause : e);
      }
    };
  }

  // ---- names and near misses ----

  private static String closest(Class<?> targetType, String name, Class<?> @Nullable [] parameterTypes,
      TypeBindings bindings) {
    List<String> sameName = new ArrayList<>();
    List<String> otherNames = new ArrayList<>();
    List<String> otherSignatures = new ArrayList<>();
    for (Method m : targetType.getMethods()) {
      if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      if (m.getName().equals(name)) {
        sameName.add(signature(m.getName(), new Match(targetType, m, bindings).parameterTypes));
      } else {
        otherNames.add(m.getName());
        otherSignatures.add(signature(m.getName(), m.getParameterTypes()));
      }
    }
    return FaceMessages.closest(name, sameName, parameterTypes != null, otherNames, otherSignatures);
  }

  static String signature(String name, Class<?>[] parameterTypes) {
    return signature(name, (Type[]) parameterTypes);
  }

  /** {@code store(User)}, {@code put(E)}: a method as a reader writes it, with the types given. */
  static String signature(String name, Type[] parameterTypes) {
    StringBuilder s = new StringBuilder(name).append('(');
    for (int i = 0; i < parameterTypes.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(typeName(parameterTypes[i]));
    }
    return s.append(')').toString();
  }

  /** {@code CompletableFuture<String>}, {@code int[]}: simple names, as a reader writes them. */
  static String typeName(Type type) {
    return FaceMessages.typeName(type);
  }

  /** The class a type erases to; a wildcard or type variable erases to its (first) upper bound. */
  static Class<?> rawType(Type type) {
    if (type instanceof Class) {
      return (Class<?>) type;
    }
    if (type instanceof ParameterizedType) {
      return rawType(((ParameterizedType) type).getRawType());
    }
    if (type instanceof WildcardType) {
      return rawType(((WildcardType) type).getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable) {
      Type[] bounds = ((TypeVariable<?>) type).getBounds();
      return bounds.length == 0 ? Object.class : rawType(bounds[0]);
    }
    if (type instanceof GenericArrayType) {
      return java.lang.reflect.Array.newInstance(rawType(((GenericArrayType) type).getGenericComponentType()), 0)
          .getClass();
    }
    return Object.class;
  }

  /** The type argument of a one-parameter generic type ({@code R} of {@code Future<R>}); {@code Object} if raw. */
  static Type typeArgument(Type type) {
    if (type instanceof ParameterizedType) {
      Type[] args = ((ParameterizedType) type).getActualTypeArguments();
      if (args.length == 1) {
        return args[0];
      }
    }
    return Object.class;
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == void.class) {
      return Void.class;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == char.class) {
      return Character.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return Short.class;
  }
}
