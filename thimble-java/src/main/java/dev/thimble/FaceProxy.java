package dev.thimble;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler of {@link Thimble#proxy(Class)}. Every face method is parsed once, when the proxy is made,
 * into a {@link FacePlan}; a call only looks its plan up and runs it.
 */
final class FaceProxy implements InvocationHandler {
  private final Map<Method, FacePlan> plans;
  private final String description;

  private FaceProxy(Map<Method, FacePlan> plans, String description) {
    this.plans = plans;
    this.description = description;
  }

  static <A> A create(Thimble<?> thimble, Class<A> face) {
    java.util.Objects.requireNonNull(face, "face == null");
    if (!face.isInterface()) {
      throw new IllegalArgumentException("face must be an interface, but "
          + (face.isArray() ? TargetMethods.typeName(face) : face.getName()) + " is "
          + (face.isPrimitive() ? "a primitive type" : face.isArray() ? "an array type" : "a class")
          + "; declare an interface that mirrors the methods of " + thimble.target().getClass().getSimpleName());
    }
    Map<Method, FacePlan> plans = new HashMap<>();
    for (Method m : face.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())) {
        plans.put(m, parse(thimble, face, m));
      }
    }
    String description = face.getSimpleName() + " proxy of " + thimble;
    try {
      plans.put(Object.class.getMethod("equals", Object.class), new Equals());
      plans.put(Object.class.getMethod("hashCode"), new HashCode());
      plans.put(Object.class.getMethod("toString"), new ToString(description));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    Object proxy = Proxy.newProxyInstance(face.getClassLoader(), new Class<?>[] {face},
        new FaceProxy(plans, description));
    return face.cast(proxy);
  }

  private static FacePlan parse(Thimble<?> thimble, Class<?> face, Method m) {
    if (m.isDefault()) {
      return new DefaultMethod(DefaultMethods.invoker(face, m));
    }
    if (isObjectMethod(m)) {
      return m.getName().equals("equals") ? new Equals() : m.getName().equals("hashCode") ? new HashCode()
          : new ToString(face.getSimpleName() + " proxy of " + thimble);
    }
    Method target = TargetMethods.find(thimble.target().getClass(), m, m.getParameterTypes());
    Type returned = TargetMethods.returnType(thimble.target().getClass(), target);
    Class<?> faceReturn = m.getReturnType();
    if (isFutureType(faceReturn)) {
      if (faceReturn.isAssignableFrom(target.getReturnType())) {
        checkAlreadyAsync(m, target, returned);
        return new AlreadyAsync(thimble.invoker(target, m));
      }
      TargetMethods.checkResult(m, target, TargetMethods.typeArgument(m.getGenericReturnType()),
          faceReturn.getSimpleName() + "'s value");
      return new Async(thimble, thimble.invoker(target, m), thimble.plan(m));
    }
    checkPassThrough(m, target, returned);
    return new PassThrough(thimble.invoker(target, m));
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
  private static void checkAlreadyAsync(Method face, Method target, Type returned) {
    Type wanted = TargetMethods.typeArgument(face.getGenericReturnType());
    Type given = TargetMethods.typeArgument(returned);
    if (!TargetMethods.fits(given, wanted)) {
      throw TargetMethods.methodError(face, target.getDeclaringClass().getSimpleName() + "." + target.getName()
          + " already returns " + TargetMethods.typeName(returned) + ", whose value does not fit "
          + TargetMethods.typeName(face.getGenericReturnType()));
    }
  }

  private static void checkPassThrough(Method face, Method target, Type returnedType) {
    Class<?> wanted = face.getReturnType();
    Class<?> returned = TargetMethods.rawType(returnedType);
    boolean fits = wanted == void.class
        || (wanted.isPrimitive() ? wanted == returned || TargetMethods.box(wanted) == returned
            : TargetMethods.fits(returned.isPrimitive() ? TargetMethods.box(returned) : returnedType,
                face.getGenericReturnType()));
    if (!fits) {
      throw TargetMethods.methodError(face, target.getDeclaringClass().getSimpleName() + "."
          + TargetMethods.signature(target.getName(), target.getParameterTypes()) + " returns "
          + TargetMethods.typeName(returnedType) + ", which does not fit the face's "
          + TargetMethods.typeName(face.getGenericReturnType())
          + "; to run it on the pool, return CompletableFuture<" + TargetMethods.typeName(TargetMethods.box(returned))
          + ">");
    }
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
      throws Throwable {
    FacePlan plan = plans.get(method);
    if (plan == null) {
      throw new UnsupportedOperationException(method + " is not part of " + description);
    }
    return plan.invoke(proxy, args);
  }

  /** One face method, decided when the proxy is made. */
  abstract static class FacePlan {
    abstract @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) throws Throwable;
  }

  /** Returns a future: the call runs on the pool. */
  static final class Async extends FacePlan {
    private final Thimble<?> thimble;
    private final Invoker invoker;
    private final CallPlan plan;

    Async(Thimble<?> thimble, Invoker invoker, CallPlan plan) {
      this.thimble = thimble;
      this.invoker = invoker;
      this.plan = plan;
    }

    @Override
    @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return thimble.call(plan, invoker, args, false, null);
    }
  }

  /** The target already returns a future: call it here and pass its future on. */
  static final class AlreadyAsync extends FacePlan {
    private final Invoker invoker;

    AlreadyAsync(Invoker invoker) {
      this.invoker = invoker;
    }

    @Override
    @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      try {
        return invoker.invoke(args);
      } catch (Throwable e) {
        // An async face never throws for a failure of the call: the future carries it.
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(e);
        return failed;
      }
    }
  }

  /** Neither: call the target here, on the caller's thread. */
  static final class PassThrough extends FacePlan {
    private final Invoker invoker;

    PassThrough(Invoker invoker) {
      this.invoker = invoker;
    }

    @Override
    @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) throws Exception {
      return invoker.invoke(args);
    }
  }

  /** A default method of the face runs as written. */
  static final class DefaultMethod extends FacePlan {
    private final DefaultMethods.Invoker invoker;

    DefaultMethod(DefaultMethods.Invoker invoker) {
      this.invoker = invoker;
    }

    @Override
    @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) throws Throwable {
      return invoker.invoke(proxy, args);
    }
  }

  static final class Equals extends FacePlan {
    @Override
    Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return args != null && proxy == args[0];
    }
  }

  static final class HashCode extends FacePlan {
    @Override
    Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return System.identityHashCode(proxy);
    }
  }

  static final class ToString extends FacePlan {
    private final String description;

    ToString(String description) {
      this.description = description;
    }

    @Override
    Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return description;
    }
  }
}
