package dev.thimble;

import dev.thimble.internal.BoundMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A target method matched to a face member, its hooks applied: what the parser's kinds adapt. */
final class BoundTargetMethod implements BoundMethod {
  private final Thimble<?> thimble;
  private final Method targetMethod;
  private final Type returnType;
  private final Invoker invoker;
  private final CallPlan plan;

  BoundTargetMethod(Thimble<?> thimble, Method targetMethod, Type returnType, Invoker invoker, CallPlan plan) {
    this.thimble = thimble;
    this.targetMethod = targetMethod;
    this.returnType = returnType;
    this.invoker = invoker;
    this.plan = plan;
  }

  @Override
  public Method targetMethod() {
    return targetMethod;
  }

  @Override
  public Type returnType() {
    return returnType;
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
    return plan.description + " -> " + targetMethod;
  }
}
