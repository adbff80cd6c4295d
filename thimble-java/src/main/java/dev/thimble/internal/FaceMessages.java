package dev.thimble.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The face parser's messages, made from names (strings) so that every producer says the same words: the proxies'
 * parser at run time, adapters' kinds, and a compile-time processor that sees type names but no {@code Class}es.
 * Each error about a member ends {@code "\n    for method Face.member"} ({@link #forMethod}).
 */
public final class FaceMessages {
  private FaceMessages() {}

  /**
   * The error of one face member: {@code message}, then the member it is about.
   *
   * @param message what is wrong, and what to do
   * @param face the face's simple name
   * @param member the member's name
   * @return the exception to throw: a plain {@link IllegalArgumentException}, whose type users' code may name
   */
  public static IllegalArgumentException methodError(String message, String face, String member) {
    return new IllegalArgumentException(forMethod(message, face, member));
  }

  /**
   * {@link #methodError(String, String, String)} for a face method.
   *
   * @param faceMethod the face member
   * @param message what is wrong, and what to do
   * @return the exception to throw
   */
  public static IllegalArgumentException methodError(Method faceMethod, String message) {
    return methodError(message, faceMethod.getDeclaringClass().getSimpleName(), faceMethod.getName());
  }

  /**
   * {@code message}, then the member it is about.
   *
   * @param message what is wrong
   * @param face the face's simple name
   * @param member the member's name
   * @return the message
   */
  public static String forMethod(String message, String face, String member) {
    return message + "\n    for method " + face + "." + member;
  }

  /**
   * A target without a method for a face member.
   *
   * @param target the target's simple class name
   * @param signature the member as the target would declare it: {@code driveTo(String)}
   * @param closest what the target has instead ({@link #closest})
   * @return the message
   */
  public static String noSuchMethod(String target, String signature, String closest) {
    return target + " has no public method " + signature + closest;
  }

  /**
   * A face member that more than one of the target's methods fit equally well.
   *
   * @param target the target's simple class name
   * @param signature the member, as in {@link #noSuchMethod}
   * @param candidates the signatures of the methods that fit
   * @return the message
   */
  public static String ambiguous(String target, String signature, Collection<String> candidates) {
    return target + " has " + candidates.size() + " public methods that fit " + signature + " equally well: "
        + join(new TreeSet<>(candidates)) + "; declare the face method's parameter types as those of the one to call";
  }

  /**
   * The end of a {@link #noSuchMethod} message: the target's methods closest to the one that is missing.
   *
   * @param name the missing method's name
   * @param sameName the signatures of the target's methods of that name, their types as the target binds them
   * @param parameterTypesGiven whether a method of that name with other parameter types is a near miss (a face
   *     member), or any method of that name would have done (an option that names a method)
   * @param otherNames the names of the target's other public instance methods (those of {@code Object} left out)
   * @param otherSignatures their signatures, in the same order, with erased parameter types
   * @return {@code "; closest: ..."}, or the target's methods if none is close
   */
  public static String closest(String name, Collection<String> sameName, boolean parameterTypesGiven,
      List<String> otherNames, List<String> otherSignatures) {
    if (!sameName.isEmpty() && parameterTypesGiven) {
      return "; closest: " + join(new TreeSet<>(sameName)) + " (parameter types must match exactly)";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < otherNames.size(); i++) {
      order.add(i);
    }
    int[] distances = new int[otherNames.size()];
    for (int i = 0; i < distances.length; i++) {
      distances[i] = distance(lower, otherNames.get(i).toLowerCase(Locale.ROOT));
    }
    // Sorted by distance, then name, stable: as near as the name, then alphabetically.
    java.util.Collections.sort(order, (a, b) -> distances[a] != distances[b]
        ? Integer.compare(distances[a], distances[b]) : otherNames.get(a).compareTo(otherNames.get(b)));
    TreeSet<String> near = new TreeSet<>();
    for (int i : order) {
      String other = otherNames.get(i).toLowerCase(Locale.ROOT);
      boolean related = distances[i] <= Math.max(2, name.length() / 3) || other.contains(lower)
          || lower.contains(other);
      if (related && near.size() < 3) {
        near.add(otherSignatures.get(i));
      }
    }
    if (!near.isEmpty()) {
      return "; closest: " + join(near);
    }
    TreeSet<String> all = new TreeSet<>(otherSignatures);
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

  /**
   * A face that is not an interface.
   *
   * @param faceName the type's name ({@code com.example.Car}, {@code String[]}, {@code int})
   * @param whatItIs {@code "a class"}, {@code "an array type"} or {@code "a primitive type"}
   * @param targetName the target's simple class name
   * @return the message
   */
  public static String notAnInterface(String faceName, String whatItIs, String targetName) {
    return "face must be an interface, but " + faceName + " is " + whatItIs
        + "; declare an interface that mirrors the methods of " + targetName;
  }

  /**
   * A target method that already returns a future whose value does not fit the face's.
   *
   * @param targetMethod {@code Car.driveTo}
   * @param returned the target's return type
   * @param faceReturn the member's return type
   * @return the message
   */
  public static String alreadyAsyncDoesNotFit(String targetMethod, String returned, String faceReturn) {
    return targetMethod + " already returns " + returned + ", whose value does not fit " + faceReturn;
  }

  /**
   * A member called on the caller's thread whose target method returns what does not fit it.
   *
   * @param targetSignature {@code Car.wheels()}
   * @param returned the target's return type
   * @param faceReturn the member's return type
   * @param toRunOnThePool how to declare the member to run it on the pool instead ({@code "return
   *     CompletableFuture<Integer>"}, {@code "declare it suspend"})
   * @return the message
   */
  public static String passThroughDoesNotFit(String targetSignature, String returned, String faceReturn,
      String toRunOnThePool) {
    return targetSignature + " returns " + returned + ", which does not fit the face's " + faceReturn
        + "; to run it on the pool, " + toRunOnThePool;
  }

  /**
   * A target method whose result does not fit the type the member wants.
   *
   * @param targetSignature {@code Car.driveTo(String)}
   * @param returned the target's return type
   * @param what {@code "the result"}, {@code "CompletableFuture's value"}
   * @param wanted the type wanted
   * @param declareAs the type to declare instead
   * @return the message
   */
  public static String resultDoesNotFit(String targetSignature, String returned, String what, String wanted,
      String declareAs) {
    return targetSignature + " returns " + returned + ", which does not fit " + what + " type " + wanted
        + "; declare it as " + declareAs + " (or a supertype)";
  }

  /**
   * A {@code Flow} member over a target method that returns no source of elements.
   *
   * @param targetSignature {@code Car.driveTo(String)}
   * @param returned the target's return type
   * @return the message
   */
  public static String notAFlowSource(String targetSignature, String returned) {
    return targetSignature + " returns " + returned
        + ", which a Flow cannot be made from; return Iterator<E>, Iterable<E> or Stream<E>";
  }

  /**
   * A {@code Flow} member whose target's elements do not fit it.
   *
   * @param targetSignature {@code Rows.numbers()}
   * @param returned the target's return type
   * @param faceReturn the member's return type
   * @return the message
   */
  public static String flowElementsDoNotFit(String targetSignature, String returned, String faceReturn) {
    return targetSignature + " returns " + returned + ", whose elements do not fit the face's " + faceReturn;
  }

  /**
   * A {@code Flow} member's target returned {@code null} rather than a source.
   *
   * @param targetSignature {@code Rows.numbers()}
   * @param returned the target's return type
   * @return the message
   */
  public static String nullFlowSource(String targetSignature, String returned) {
    return targetSignature + " returned null, which a Flow cannot be made from; return an empty " + returned
        + " instead";
  }

  /**
   * A target returned {@code null} (or a {@code null} element) for a member whose type does not admit it.
   *
   * @param targetSignature {@code Users.find(int)}
   * @param what {@code "null"}, {@code "a null element"}
   * @param declared the member's type as its users write it ({@code String}, {@code Flow<Int>})
   * @param nullable the same type admitting {@code null} ({@code String?}, {@code Flow<Int?>})
   * @return the message
   */
  public static String nullForNonNull(String targetSignature, String what, String declared, String nullable) {
    return targetSignature + " returned " + what + ", which the face's " + declared + " does not admit; declare it "
        + "as " + nullable + " to let null through";
  }

  /**
   * {@code name(String, int)}: a method as the messages write it.
   *
   * @param name the method's name
   * @param parameterTypes its parameter types' names
   * @return the signature
   */
  public static String signature(String name, String... parameterTypes) {
    StringBuilder s = new StringBuilder(name).append('(');
    for (int i = 0; i < parameterTypes.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(parameterTypes[i]);
    }
    return s.append(')').toString();
  }

  /**
   * {@code CompletableFuture<String>}, {@code int[]}: simple names, as a Java reader writes them
   * ({@code Type.getTypeName} is Android API 28).
   *
   * @param type the type
   * @return its name
   */
  public static String typeName(Type type) {
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      return c.isArray() ? typeName(c.getComponentType()) + "[]" : c.getSimpleName();
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      StringBuilder s = new StringBuilder(typeName(p.getRawType())).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        if (i > 0) {
          s.append(", ");
        }
        s.append(typeName(args[i]));
      }
      return s.append('>').toString();
    }
    if (type instanceof WildcardType) {
      WildcardType w = (WildcardType) type;
      if (w.getLowerBounds().length > 0) {
        return "? super " + typeName(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + typeName(upper);
    }
    if (type instanceof GenericArrayType) {
      return typeName(((GenericArrayType) type).getGenericComponentType()) + "[]";
    }
    if (type instanceof TypeVariable) {
      return ((TypeVariable<?>) type).getName();
    }
    return String.valueOf(type);
  }
}
