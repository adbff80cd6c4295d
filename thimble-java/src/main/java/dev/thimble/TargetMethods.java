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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Finds the target method a face method stands for, and says exactly what is wrong when there is none. */
final class TargetMethods {
  private TargetMethods() {}

  /**
   * The target's public method named like {@code faceMethod} with exactly {@code parameterTypes}, callable from
   * here (declared by a public type, so a non-public class implementing a public interface works).
   */
  static Method find(Class<?> targetType, Method faceMethod, Class<?>[] parameterTypes) {
    String name = faceMethod.getName();
    Method found = null;
    for (Method m : targetType.getMethods()) {
      if (m.getName().equals(name) && Arrays.equals(m.getParameterTypes(), parameterTypes)
          && !Modifier.isStatic(m.getModifiers())
          && (found == null || found.getReturnType().isAssignableFrom(m.getReturnType()))) {
        found = m; // covariant overrides show up twice: keep the most specific return type
      }
    }
    if (found == null) {
      throw methodError(faceMethod, targetType.getSimpleName() + " has no public method "
          + signature(name, parameterTypes) + closest(targetType, name, parameterTypes));
    }
    return found;
  }

  /** Fails unless the target has a public method named {@code name}. */
  static void requireNamed(Class<?> targetType, String name, String option) {
    for (Method m : targetType.getMethods()) {
      if (m.getName().equals(name)) {
        return;
      }
    }
    throw new IllegalArgumentException(option + ": " + targetType.getSimpleName() + " has no public method named "
        + name + closest(targetType, name, null));
  }

  /**
   * The method to call reflectively: {@code m} if its declaring class is public, else the same method as seen
   * through a public supertype (a non-public class implementing a public interface), else {@code m} made
   * accessible. Checks use {@code m} itself, whose return type may be more specific.
   */
  private static Method callable(Class<?> targetType, Method m, Method faceMethod) {
    if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
      return m;
    }
    for (Class<?> type : supertypes(targetType)) {
      if (Modifier.isPublic(type.getModifiers())) {
        try {
          return type.getMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException notHere) {
          // keep looking
        }
      }
    }
    try {
      m.setAccessible(true);
      return m;
    } catch (RuntimeException e) { // InaccessibleObjectException on JDK 9+
      throw methodError(faceMethod, signature(m.getName(), m.getParameterTypes()) + " is declared by "
          + m.getDeclaringClass().getName() + ", which is not public, and by no public supertype; make it public "
          + "or declare the method in a public interface the target implements (" + e.getMessage() + ")");
    }
  }

  /**
   * A copy of {@code m} that skips the access check {@link Method#invoke} otherwise makes on every call (about 6 ns
   * of a call's 115 ns of bookkeeping in {@code CallOverheadBenchmark}, pool=direct): its access was settled when it
   * was matched. A copy, so that the {@code Method} an adapter can see
   * ({@link dev.thimble.internal.BoundMethod#targetMethod()}) is left as it was. Where the flag cannot be set (a module that does not open the package), {@code m} is used as it is.
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

  /** Fails unless {@code targetMethod}'s result fits {@code wanted} (the face's {@code R}). */
  static void checkResult(Method faceMethod, Method targetMethod, Type wanted, String what) {
    checkResult(faceMethod, targetMethod, wanted, what, TargetMethods::typeName);
  }

  /** As {@link #checkResult(Method, Method, Type, String)}, naming the types the face declares as its users would. */
  static void checkResult(Method faceMethod, Method targetMethod, Type wanted, String what,
      java.util.function.Function<Type, String> faceNames) {
    Class<?> wantedClass = box(rawType(wanted));
    Class<?> returned = box(targetMethod.getReturnType());
    if (!wantedClass.isAssignableFrom(returned)) {
      throw methodError(faceMethod, FaceMessages.resultDoesNotFit(targetMethod.getDeclaringClass().getSimpleName()
          + "." + signature(targetMethod.getName(), targetMethod.getParameterTypes()),
          typeName(targetMethod.getGenericReturnType()), what, faceNames.apply(wanted), faceNames.apply(returned)));
    }
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
  static Invoker invoker(Object target, Method targetMethod, Method faceMethod) {
    Method m = withoutAccessChecks(callable(target.getClass(), targetMethod, faceMethod));
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

  private static String closest(Class<?> targetType, String name, Class<?> @Nullable [] parameterTypes) {
    List<String> sameName = new ArrayList<>();
    List<Method> others = new ArrayList<>();
    for (Method m : targetType.getMethods()) {
      if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      if (m.getName().equals(name)) {
        sameName.add(signature(m.getName(), m.getParameterTypes()));
      } else {
        others.add(m);
      }
    }
    if (!sameName.isEmpty() && parameterTypes != null) {
      return "; closest: " + join(new TreeSet<>(sameName)) + " (parameter types must match exactly)";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    others.sort(Comparator.comparingInt((Method m) -> distance(lower, m.getName().toLowerCase(Locale.ROOT)))
        .thenComparing(Method::getName));
    TreeSet<String> near = new TreeSet<>();
    for (Method m : others) {
      int d = distance(lower, m.getName().toLowerCase(Locale.ROOT));
      boolean related = d <= Math.max(2, name.length() / 3)
          || m.getName().toLowerCase(Locale.ROOT).contains(lower) || lower.contains(m.getName().toLowerCase(Locale.ROOT));
      if (related && near.size() < 3) {
        near.add(signature(m.getName(), m.getParameterTypes()));
      }
    }
    if (!near.isEmpty()) {
      return "; closest: " + join(near);
    }
    TreeSet<String> all = new TreeSet<>();
    for (Method m : others) {
      all.add(signature(m.getName(), m.getParameterTypes()));
    }
    return all.isEmpty() ? "; it has no public methods of its own" : "; its public methods: " + join(all);
  }

  /** {@code String.join(", ", parts)}, which Android API 24 lacks. */
  private static String join(Iterable<String> parts) {
    StringBuilder s = new StringBuilder();
    for (String part : parts) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(part);
    }
    return s.toString();
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String signature(String name, Class<?>[] parameterTypes) {
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
