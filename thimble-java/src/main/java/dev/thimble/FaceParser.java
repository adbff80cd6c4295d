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
    Method target = TargetMethods.find(thimble.target().getClass(), m, m.getParameterTypes());
    Class<?> faceReturn = m.getReturnType();
    if (isFutureType(faceReturn)) {
      if (faceReturn.isAssignableFrom(target.getReturnType())) {
        checkAlreadyAsync(m, target, adapter);
        return new FaceProxy.AlreadyAsync(thimble.invoker(target, m));
      }
      TargetMethods.checkResult(m, target, TargetMethods.typeArgument(m.getGenericReturnType()),
          faceReturn.getSimpleName() + "'s value");
      return new FaceProxy.Async(thimble, thimble.invoker(target, m), thimble.plan(m));
    }
    checkPassThrough(m, target, adapter);
    return new FaceProxy.PassThrough(thimble.invoker(target, m));
  }

  /** Matches one member to its target method and binds it to the thimble, checking its result if asked. */
  static BoundMethod bind(Thimble<?> thimble, Method faceMethod, Class<?>[] parameterTypes,
      @Nullable Type resultType, FaceAdapter adapter) {
    Method targetMethod = TargetMethods.find(thimble.target().getClass(), faceMethod, parameterTypes);
    if (resultType != null) {
      TargetMethods.checkResult(faceMethod, targetMethod, resultType, "the result",
          type -> adapter.typeName(faceMethod, type));
    }
    return new BoundTargetMethod(thimble, targetMethod, thimble.invoker(targetMethod, faceMethod),
        thimble.plan(faceMethod));
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

  /** An already-async target method must promise the same kind of value. */
  private static void checkAlreadyAsync(Method face, Method target, FaceAdapter adapter) {
    Type wanted = TargetMethods.typeArgument(face.getGenericReturnType());
    Type given = TargetMethods.typeArgument(target.getGenericReturnType());
    if (!TargetMethods.box(TargetMethods.rawType(wanted)).isAssignableFrom(TargetMethods.rawType(given))) {
      throw TargetMethods.methodError(face, FaceMessages.alreadyAsyncDoesNotFit(
          target.getDeclaringClass().getSimpleName() + "." + target.getName(),
          TargetMethods.typeName(target.getGenericReturnType()),
          adapter.typeName(face, face.getGenericReturnType())));
    }
  }

  private static void checkPassThrough(Method face, Method target, FaceAdapter adapter) {
    Class<?> wanted = face.getReturnType();
    Class<?> returned = target.getReturnType();
    boolean fits = wanted == void.class || wanted.isAssignableFrom(returned)
        || (!wanted.isPrimitive() && wanted.isAssignableFrom(TargetMethods.box(returned)))
        || (wanted.isPrimitive() && TargetMethods.box(wanted) == returned);
    if (!fits) {
      throw TargetMethods.methodError(face, FaceMessages.passThroughDoesNotFit(
          target.getDeclaringClass().getSimpleName() + "."
              + TargetMethods.signature(target.getName(), target.getParameterTypes()),
          TargetMethods.typeName(target.getGenericReturnType()),
          adapter.typeName(face, face.getGenericReturnType()),
          adapter.toRunOnThePool(face, TargetMethods.box(returned))));
    }
  }
}
