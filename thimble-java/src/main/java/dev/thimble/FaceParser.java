package dev.thimble;

import dev.thimble.internal.BoundMethod;
import dev.thimble.internal.FaceAdapter;
import dev.thimble.internal.FaceMessages;
import dev.thimble.internal.MemberCall;
import dev.thimble.internal.ReturnKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The one face parser (Retrofit's {@code ServiceMethod.parseAnnotations}): every member of a face is parsed once,
 * when the proxy is made, into one of {@link FaceProxy}'s plans; an adapter's {@link ReturnKind}s are tried before
 * the core's own. All the rules and all the messages of faces are here and in {@link TargetMethods}.
 *
 * <p>Order, per member: {@code equals}/{@code hashCode}/{@code toString}; a member with a body (the adapter's, or a
 * JVM {@code default} method); the adapter's kinds, in order; a future (runs on the pool), unless the target already
 * returns one (passed on); anything else (called on the caller's thread).
 */
final class FaceParser {
  private FaceParser() {}

  /** The core's Java faces: no kinds of their own. */
  static final FaceAdapter JAVA = new FaceAdapter() {};

  static <A> A proxy(Thimble<?> thimble, Class<A> face, FaceAdapter adapter) {
    Objects.requireNonNull(face, "face == null");
    if (!face.isInterface()) {
      throw new IllegalArgumentException(FaceMessages.notAnInterface(
          face.isArray() ? TargetMethods.typeName(face) : face.getName(),
          face.isPrimitive() ? "a primitive type" : face.isArray() ? "an array type" : "a class",
          thimble.target().getClass().getSimpleName()));
    }
    String description = face.getSimpleName() + " " + adapter.proxyName() + " of " + thimble;
    A generated = GeneratedFaces.make(thimble, face, description, thimble.generatedFaces);
    if (generated != null) {
      return generated; // checked when it was compiled
    }
    Map<Method, MemberCall> plans = new HashMap<>();
    for (Method m : face.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        plans.put(m, parse(thimble, face, m, adapter, description));
      }
    }
    try {
      plans.put(Object.class.getMethod("equals", Object.class), new FaceProxy.Equals());
      plans.put(Object.class.getMethod("hashCode"), new FaceProxy.HashCode());
      plans.put(Object.class.getMethod("toString"), new FaceProxy.ToString(description));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    return FaceProxy.create(face, plans, description);
  }

  private static MemberCall parse(Thimble<?> thimble, Class<?> face, Method m, FaceAdapter adapter,
      String description) {
    if (isObjectMethod(m)) {
      return m.getName().equals("equals") ? new FaceProxy.Equals()
          : m.getName().equals("hashCode") ? new FaceProxy.HashCode() : new FaceProxy.ToString(description);
    }
    MemberCall body = adapter.body(face, m);
    if (body == null && m.isDefault()) {
      body = DefaultMethods.invoker(face, m);
    }
    if (body != null) {
      return adapter.withBody(m, body);
    }
    for (ReturnKind kind : adapter.kinds()) {
      if (kind.recognises(m)) {
        return kind.adapt(m, bind(thimble, m, kind.targetParameters(m), kind.resultType(m), adapter));
      }
    }
    Class<?> targetType = thimble.target().getClass();
    TargetMethods.Match match = TargetMethods.match(targetType, m, m.getParameterTypes());
    Method target = match.method;
    Class<?> faceReturn = m.getReturnType();
    if (isFutureType(faceReturn)) {
      if (faceReturn.isAssignableFrom(target.getReturnType())) {
        checkAlreadyAsync(m, target, match.returnType, adapter);
        return new FaceProxy.AlreadyAsync(thimble.invoker(target, m));
      }
      TargetMethods.checkResult(targetType, m, target, TargetMethods.typeArgument(m.getGenericReturnType()),
          faceReturn.getSimpleName() + "'s value", type -> adapter.typeName(m, type));
      return new FaceProxy.Async(thimble, thimble.invoker(target, m), thimble.plan(m));
    }
    checkPassThrough(m, target, match.returnType, adapter);
    return new FaceProxy.PassThrough(thimble.invoker(target, m));
  }

  /** Matches one member to its target method and binds it to the thimble, checking its result if asked. */
  static BoundMethod bind(Thimble<?> thimble, Method faceMethod, Class<?>[] parameterTypes,
      @Nullable Type resultType, FaceAdapter adapter) {
    Class<?> targetType = thimble.target().getClass();
    TargetMethods.Match match = TargetMethods.match(targetType, faceMethod, parameterTypes);
    if (resultType != null) {
      TargetMethods.checkResult(targetType, faceMethod, match.method, resultType, "the result",
          type -> adapter.typeName(faceMethod, type));
    }
    return new BoundTargetMethod(thimble, match.method, match.returnType,
        thimble.invoker(match.method, faceMethod), thimble.plan(faceMethod));
  }

  static boolean isFutureType(Class<?> type) {
    return type == CompletableFuture.class || type == CompletionStage.class || type == Future.class;
  }

  private static boolean isObjectMethod(Method m) {
    String name = m.getName();
    Class<?>[] p = m.getParameterTypes();
    return (name.equals("equals") && p.length == 1 && p[0] == Object.class)
        || (name.equals("hashCode") && p.length == 0) || (name.equals("toString") && p.length == 0);
  }

  /**
   * An already-async target method must promise the same kind of value: its type argument, as the target's class
   * binds it ({@code returned}), fits the face's.
   */
  private static void checkAlreadyAsync(Method face, Method target, Type returned, FaceAdapter adapter) {
    Type wanted = TargetMethods.typeArgument(face.getGenericReturnType());
    Type given = TargetMethods.typeArgument(returned);
    if (!TargetMethods.fits(given, wanted)) {
      throw TargetMethods.methodError(face, FaceMessages.alreadyAsyncDoesNotFit(
          target.getDeclaringClass().getSimpleName() + "." + target.getName(), TargetMethods.typeName(returned),
          adapter.typeName(face, face.getGenericReturnType())));
    }
  }

  /** A member called on the caller's thread: the target's result, as its class binds it, fits the member's. */
  private static void checkPassThrough(Method face, Method target, Type returnedType, FaceAdapter adapter) {
    Class<?> wanted = face.getReturnType();
    Class<?> returned = TargetMethods.rawType(returnedType);
    boolean fits = wanted == void.class
        || (wanted.isPrimitive() ? wanted == returned || TargetMethods.box(wanted) == returned
            : TargetMethods.fits(returned.isPrimitive() ? TargetMethods.box(returned) : returnedType,
                face.getGenericReturnType()));
    if (!fits) {
      throw TargetMethods.methodError(face, FaceMessages.passThroughDoesNotFit(
          target.getDeclaringClass().getSimpleName() + "."
              + TargetMethods.signature(target.getName(), target.getParameterTypes()),
          TargetMethods.typeName(returnedType), adapter.typeName(face, face.getGenericReturnType()),
          adapter.toRunOnThePool(face, TargetMethods.box(returned))));
    }
  }
}
