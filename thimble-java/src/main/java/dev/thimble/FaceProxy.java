package dev.thimble;

import dev.thimble.internal.MemberCall;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The invocation handler of every face, Java's and adapters': each member was parsed once, by {@link FaceParser},
 * into a plan (a {@link MemberCall}: one of the small classes here, or an adapter kind's); a call only looks its plan
 * up and runs it.
 */
final class FaceProxy implements InvocationHandler {
  private final Map<Method, MemberCall> plans;
  private final String description;

  private FaceProxy(Map<Method, MemberCall> plans, String description) {
    this.plans = plans;
    this.description = description;
  }

  static <A> A create(Class<A> face, Map<Method, MemberCall> plans, String description) {
    Object proxy = Proxy.newProxyInstance(face.getClassLoader(), new Class<?>[] {face},
        new FaceProxy(plans, description));
    return face.cast(proxy);
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
      throws Throwable {
    MemberCall plan = plans.get(method);
    if (plan == null) {
      throw new UnsupportedOperationException(method + " is not part of " + description);
    }
    return plan.invoke(proxy, args);
  }

  /** Returns a future: the call runs on the pool. */
  static final class Async implements MemberCall {
    private final Thimble<?> thimble;
    private final Invoker invoker;
    private final CallPlan plan;

    Async(Thimble<?> thimble, Invoker invoker, CallPlan plan) {
      this.thimble = thimble;
      this.invoker = invoker;
      this.plan = plan;
    }

    @Override
    public @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return thimble.startCall(plan, invoker, args, false, null);
    }
  }

  /** The target already returns a future: call it here and pass its future on. */
  static final class AlreadyAsync implements MemberCall {
    private final Invoker invoker;

    AlreadyAsync(Invoker invoker) {
      this.invoker = invoker;
    }

    @Override
    public @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
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
  static final class PassThrough implements MemberCall {
    private final Invoker invoker;

    PassThrough(Invoker invoker) {
      this.invoker = invoker;
    }

    @Override
    public @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) throws Exception {
      return invoker.invoke(args);
    }
  }

  static final class Equals implements MemberCall {
    @Override
    public Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return args != null && proxy == args[0];
    }
  }

  static final class HashCode implements MemberCall {
    @Override
    public Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return System.identityHashCode(proxy);
    }
  }

  static final class ToString implements MemberCall {
    private final String description;

    ToString(String description) {
      this.description = description;
    }

    @Override
    public Object invoke(Object proxy, @Nullable Object @Nullable [] args) {
      return description;
    }
  }
}
