package dev.thimble;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Whether a value of one type fits where another is wanted, as {@code javac} would see it, type arguments
 * included. A type variable left unbound (see {@link TypeBindings}) is not known: it fits, and is fitted by, what
 * fits its bound, unchecked, as erasure is. A raw type fits its parameterized types the same way.
 */
final class GenericFit {
  private GenericFit() {}

  static boolean fits(Type from, Type to) {
    if (to instanceof TypeVariable) {
      return fitsBounds(from, (TypeVariable<?>) to);
    }
    if (from instanceof TypeVariable) {
      return boundsAllow((TypeVariable<?>) from, to);
    }
    if (to instanceof WildcardType) {
      WildcardType w = (WildcardType) to;
      for (Type lower : w.getLowerBounds()) {
        if (!fits(lower, from)) {
          return false;
        }
      }
      for (Type upper : w.getUpperBounds()) {
        if (!fits(from, upper)) {
          return false;
        }
      }
      return true;
    }
    if (from instanceof WildcardType) {
      return fits(((WildcardType) from).getUpperBounds()[0], to);
    }
    Class<?> toRaw = TargetMethods.rawType(to);
    Class<?> fromRaw = TargetMethods.rawType(from);
    if (toRaw.isArray() && fromRaw.isArray()) {
      Type fromComponent = componentType(from);
      Type toComponent = componentType(to);
      // Arrays are covariant, but an int[] is no Object[].
      return fromComponent instanceof Class && ((Class<?>) fromComponent).isPrimitive()
          ? fromComponent == toComponent : fits(fromComponent, toComponent);
    }
    if (!toRaw.isAssignableFrom(fromRaw)) {
      return false;
    }
    if (!(to instanceof ParameterizedType)) {
      return true;
    }
    Type[] fromArguments = argumentsAs(from, toRaw);
    if (fromArguments == null) {
      return true; // a raw type: unchecked, as javac lets it pass
    }
    Type[] toArguments = ((ParameterizedType) to).getActualTypeArguments();
    for (int i = 0; i < toArguments.length && i < fromArguments.length; i++) {
      if (!contains(toArguments[i], fromArguments[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether type argument {@code to} admits type argument {@code from} ({@code List<? extends Number>} admits
   * {@code Integer}; {@code List<User>} admits only {@code User}). */
  private static boolean contains(Type to, Type from) {
    if (to instanceof TypeVariable || from instanceof TypeVariable) {
      Class<?> a = TargetMethods.rawType(to);
      Class<?> b = TargetMethods.rawType(from);
      return a.isAssignableFrom(b) || b.isAssignableFrom(a); // not known: anything its bound allows
    }
    if (to instanceof WildcardType) {
      WildcardType w = (WildcardType) to;
      if (w.getLowerBounds().length > 0) {
        Type lower = w.getLowerBounds()[0];
        if (from instanceof WildcardType) {
          Type[] fromLower = ((WildcardType) from).getLowerBounds();
          return fromLower.length > 0 && fits(lower, fromLower[0]);
        }
        return fits(lower, from);
      }
      Type upper = w.getUpperBounds()[0];
      if (from instanceof WildcardType) {
        WildcardType f = (WildcardType) from;
        return f.getLowerBounds().length > 0 ? upper == Object.class : fits(f.getUpperBounds()[0], upper);
      }
      return fits(from, upper);
    }
    if (from instanceof WildcardType) {
      // Kotlin writes a parameter List<User> as List<? extends User>: it only reads it, so the same User will do.
      WildcardType f = (WildcardType) from;
      return f.getLowerBounds().length == 0 && same(f.getUpperBounds()[0], to);
    }
    return same(from, to);
  }

  private static boolean same(Type a, Type b) {
    return fits(a, b) && fits(b, a);
  }

  /** Whether {@code from} could be a value of the unbound {@code variable}: it fits every bound. */
  private static boolean fitsBounds(Type from, TypeVariable<?> variable) {
    Class<?> value = TargetMethods.box(TargetMethods.rawType(from));
    for (Type bound : variable.getBounds()) {
      if (!TargetMethods.rawType(bound).isAssignableFrom(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a value of the unbound {@code variable} could be a {@code to}: {@code to} is a supertype of every bound
   * (safe) or a subtype of it (unchecked: the variable may be bound to it).
   */
  private static boolean boundsAllow(TypeVariable<?> variable, Type to) {
    Class<?> wanted = TargetMethods.box(TargetMethods.rawType(to));
    for (Type bound : variable.getBounds()) {
      Class<?> b = TargetMethods.rawType(bound);
      if (!wanted.isAssignableFrom(b) && !b.isAssignableFrom(wanted)) {
        return false;
      }
    }
    return true;
  }

  private static Type componentType(Type array) {
    if (array instanceof GenericArrayType) {
      return ((GenericArrayType) array).getGenericComponentType();
    }
    Class<?> component = TargetMethods.rawType(array).getComponentType();
    return component != null ? component : Object.class;
  }

  /**
   * The type arguments {@code type} gives to its supertype {@code target} ({@code ArrayList<String>} as a
   * {@code List}: {@code String}); {@code null} where a raw type on the way leaves them unknown.
   */
  static Type @Nullable [] argumentsAs(Type type, Class<?> target) {
    Class<?> raw = TargetMethods.rawType(type);
    if (!(type instanceof ParameterizedType) && raw.getTypeParameters().length > 0) {
      return null;
    }
    if (raw == target) {
      return type instanceof ParameterizedType ? ((ParameterizedType) type).getActualTypeArguments() : null;
    }
    Map<TypeVariable<?>, Type> own = new HashMap<>();
    if (type instanceof ParameterizedType) {
      TypeVariable<?>[] variables = raw.getTypeParameters();
      Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
      for (int i = 0; i < variables.length && i < arguments.length; i++) {
        own.put(variables[i], arguments[i]);
      }
    }
    TypeBindings bindings = TypeBindings.of(raw, own);
    TypeVariable<?>[] wanted = target.getTypeParameters();
    if (!bindings.bindsAll(wanted)) {
      return null;
    }
    Type[] arguments = new Type[wanted.length];
    for (int i = 0; i < wanted.length; i++) {
      arguments[i] = bindings.resolve(wanted[i]);
    }
    return arguments;
  }
}
