package dev.thimble;

import dev.thimble.internal.BoundMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A target method matched to a face member, its hooks applied: what the parser's kinds adapt, and what a generated
 * face's members call. A generated face's member is bound by name and parameter types, and its {@code Method} is
 * looked up only if someone asks for it.
 */
final class BoundTargetMethod implements BoundMethod {
  private final Thimble<?> thimble;
  private final String name;
  private final Class<?>[] parameterTypes;
  private final Invoker invoker;
  private final CallPlan plan;
  private volatile @Nullable Method targetMethod;
  private volatile @Nullable Type returnType;

  BoundTargetMethod(Thimble<?> thimble, Method targetMethod, Type returnType, Invoker invoker, CallPlan plan) {
    this(thimble, targetMethod.getName(), targetMethod.getParameterTypes(), invoker, plan);
    this.targetMethod = targetMethod;
    this.returnType = returnType;
  }

  /** A generated face's member: the target method is found by name, when asked for. */
  BoundTargetMethod(Thimble<?> thimble, String name, Class<?>[] parameterTypes, Invoker invoker, CallPlan plan) {
    this.thimble = thimble;
    this.name = name;
    this.parameterTypes = parameterTypes;
    this.invoker = invoker;
    this.plan = plan;
  }

  @Override
  public Method targetMethod() {
    Method m = targetMethod;
    if (m == null) {
      targetMethod = m = GeneratedFaces.targetMethod(thimble, name, parameterTypes);
    }
    return m;
  }

  @Override
  public Type returnType() {
    Type t = returnType;
    if (t == null) {
      returnType = t = TargetMethods.returnType(thimble.target().getClass(), targetMethod());
    }
    return t;
  }

  @Override
  public @Nullable Object invoke(@Nullable Object @Nullable [] args) throws Exception {
    return invoker.invoke(args);
  }

  @Override
  public CompletableFuture<@Nullable Object> submit(@Nullable Object @Nullable [] args) {
    return thimble.startCall(plan, invoker, args, false, null);
  }

  @Override
  public CompletableFuture<@Nullable Object> submitWhenRoom(@Nullable Object @Nullable [] args) {
    return thimble.startCall(plan, invoker, args, true, null);
  }

  @Override
  public CompletableFuture<@Nullable Object> submitWhenRoom(@Nullable Object @Nullable [] args,
      Consumer<@Nullable Object> ifAbandoned) {
    java.util.Objects.requireNonNull(ifAbandoned, "ifAbandoned == null");
    return thimble.startCall(plan, invoker, args, true, ifAbandoned);
  }

  @Override
  public String toString() {
    return plan.description + " -> " + targetMethod();
  }
}
