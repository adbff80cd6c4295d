package dev.thimble;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The type variables a class binds in its supertypes, at any depth: in {@code UserRepository extends
 * JdbcRepository<User>}, {@code JdbcRepository}'s {@code T} is {@code User}. A variable nothing binds (the class's
 * own, a raw supertype's, a generic method's) stays a {@link TypeVariable}: the runtime class does not know it.
 */
final class TypeBindings {
  private final Map<TypeVariable<?>, Type> bound;

  private TypeBindings(Map<TypeVariable<?>, Type> bound) {
    this.bound = bound;
  }

  /** What {@code type}'s supertypes' variables are, as {@code type} binds them. */
  static TypeBindings of(Class<?> type) {
    return of(type, new HashMap<>());
  }

  /** As {@link #of(Class)}, with {@code type}'s own variables bound as {@code own} says. */
  static TypeBindings of(Class<?> type, Map<TypeVariable<?>, Type> own) {
    Map<TypeVariable<?>, Type> bound = new HashMap<>(own);
    collect(type, bound, new HashSet<>());
    return new TypeBindings(bound);
  }

  /** Whether every one of {@code variables} is bound. */
  boolean bindsAll(TypeVariable<?>[] variables) {
    for (TypeVariable<?> v : variables) {
      if (!bound.containsKey(v)) {
        return false;
      }
    }
    return true;
  }

  private static void collect(Class<?> type, Map<TypeVariable<?>, Type> bound, Set<Class<?>> seen) {
    if (!seen.add(type)) {
      return; // a diamond: the first path's bindings stand, as they must agree for the class to compile
    }
    List<Type> supertypes = new ArrayList<>();
    try {
      Type superclass = type.getGenericSuperclass();
      if (superclass != null) {
        supertypes.add(superclass);
      }
      supertypes.addAll(Arrays.asList(type.getGenericInterfaces()));
    } catch (RuntimeException | LinkageError unreadable) {
      // A signature naming a class that is not there (MalformedParameterizedTypeException, TypeNotPresentException):
      // what it would bind stays unbound, and matches as erasure does.
      supertypes.clear();
      if (type.getSuperclass() != null) {
        supertypes.add(type.getSuperclass());
      }
      supertypes.addAll(Arrays.asList(type.getInterfaces()));
    }
    for (Type s : supertypes) {
      if (s instanceof ParameterizedType) {
        ParameterizedType p = (ParameterizedType) s;
        Class<?> raw = (Class<?>) p.getRawType();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] arguments = p.getActualTypeArguments();
        for (int i = 0; i < variables.length && i < arguments.length; i++) {
          if (!bound.containsKey(variables[i])) {
            bound.put(variables[i], resolve(arguments[i], bound));
          }
        }
        collect(raw, bound, seen);
      } else if (s instanceof Class) {
        collect((Class<?>) s, bound, seen);
      }
    }
  }

  /** {@code type} with the variables known here replaced by what they are bound to. */
  Type resolve(Type type) {
    return resolve(type, bound);
  }

  private static Type resolve(Type type, Map<TypeVariable<?>, Type> bound) {
    if (type instanceof TypeVariable) {
      Type b = bound.get(type);
      return b != null ? b : type;
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      Type[] arguments = p.getActualTypeArguments();
      Type[] resolved = resolveAll(arguments, bound);
      return resolved == arguments ? p : new Parameterized((Class<?>) p.getRawType(), p.getOwnerType(), resolved);
    }
    if (type instanceof GenericArrayType) {
      Type component = ((GenericArrayType) type).getGenericComponentType();
      Type resolved = resolve(component, bound);
      if (resolved instanceof Class) {
        return java.lang.reflect.Array.newInstance((Class<?>) resolved, 0).getClass();
      }
      return resolved == component ? type : new ArrayOf(resolved);
    }
    if (type instanceof WildcardType) {
      WildcardType w = (WildcardType) type;
      Type[] upper = resolveAll(w.getUpperBounds(), bound);
      Type[] lower = resolveAll(w.getLowerBounds(), bound);
      return upper == w.getUpperBounds() && lower == w.getLowerBounds() ? w : new Wildcard(upper, lower);
    }
    return type;
  }

  /** The same array if nothing changed, so that unchanged types stay the JDK's own. */
  private static Type[] resolveAll(Type[] types, Map<TypeVariable<?>, Type> bound) {
    Type[] resolved = null;
    for (int i = 0; i < types.length; i++) {
      Type r = resolve(types[i], bound);
      if (r != types[i] && resolved == null) {
        resolved = types.clone();
      }
      if (resolved != null) {
        resolved[i] = r;
      }
    }
    return resolved != null ? resolved : types;
  }

  /** {@code List<User>} made from {@code List<T>}. */
  static final class Parameterized implements ParameterizedType {
    private final Class<?> raw;
    private final @Nullable Type owner;
    private final Type[] arguments;

    Parameterized(Class<?> raw, @Nullable Type owner, Type[] arguments) {
      this.raw = raw;
      this.owner = owner;
      this.arguments = arguments;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public @Nullable Type getOwnerType() {
      return owner;
    }

    @Override
    public String toString() {
      return TargetMethods.typeName(this);
    }
  }

  /** {@code T[]} whose {@code T} is still a variable. */
  static final class ArrayOf implements GenericArrayType {
    private final Type component;

    ArrayOf(Type component) {
      this.component = component;
    }

    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public String toString() {
      return TargetMethods.typeName(this);
    }
  }

  /** {@code ? extends User} made from {@code ? extends T}. */
  static final class Wildcard implements WildcardType {
    private final Type[] upper;
    private final Type[] lower;

    Wildcard(Type[] upper, Type[] lower) {
      this.upper = upper;
      this.lower = lower;
    }

    @Override
    public Type[] getUpperBounds() {
      return upper.clone();
    }

    @Override
    public Type[] getLowerBounds() {
      return lower.clone();
    }

    @Override
    public String toString() {
      return TargetMethods.typeName(this);
    }
  }
}
