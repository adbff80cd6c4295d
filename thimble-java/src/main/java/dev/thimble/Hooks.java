package dev.thimble;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Ready-made {@link Hook}s. */
public final class Hooks {
  private Hooks() {}

  /**
   * Re-routes callbacks so that they run on {@code executor}: an Android main thread, an event loop, a UI toolkit's
   * thread.
   *
   * <p>Each parameter of the hooked method whose type is a functional interface (one abstract method returning
   * {@code void}: {@link Runnable}, {@link java.util.function.Consumer}, your own listener interfaces) gets a
   * wrapper: when the target calls the callback, from whatever thread, the original callback is handed to {@code
   * executor} with the same arguments. Parameters of other types, and callbacks that return a value, are passed
   * as they are. {@code null} callbacks stay {@code null}.
   * <pre>{@code
   * Thimble<FancyCar> thimble = Thimble.builder(new FancyCar())
   *     .hook("registerAlarmCallback", Hooks.callbacksOn(mainThread))
   *     .build();
   * }</pre>
   *
   * @param executor where callbacks run
   * @return the hook
   */
  public static Hook callbacksOn(Executor executor) {
    Objects.requireNonNull(executor, "executor == null");
    return new CallbacksOn(executor);
  }

  private static final class CallbacksOn implements Hook {
    private final Executor executor;

    CallbacksOn(Executor executor) {
      this.executor = executor;
    }

    @Override
    public Invoker wrap(Thimble<?> thimble, Method method, Invoker original) {
      Class<?>[] types = method.getParameterTypes();
      List<Integer> callbackIndexes = new ArrayList<>();
      for (int i = 0; i < types.length; i++) {
        if (callbackMethod(types[i]) != null) {
          callbackIndexes.add(i);
        }
      }
      if (callbackIndexes.isEmpty()) {
        return original; // decided once: nothing to re-route
      }
      int[] indexes = new int[callbackIndexes.size()];
      Method[] callbacks = new Method[types.length];
      for (int i = 0; i < indexes.length; i++) {
        indexes[i] = callbackIndexes.get(i);
        Method callback = callbackMethod(types[indexes[i]]);
        if (callback != null && !Modifier.isPublic(types[indexes[i]].getModifiers())) {
          callback.setAccessible(true); // the user's own package-private listener interface
        }
        callbacks[indexes[i]] = callback;
      }
      return args -> {
        if (args == null) {
          return original.invoke(null);
        }
        Object[] rerouted = args.clone();
        for (int i : indexes) {
          Object callback = rerouted[i];
          if (callback != null) {
            rerouted[i] = reroute(types[i], callbacks[i], callback);
          }
        }
        return original.invoke(rerouted);
      };
    }

    private Object reroute(Class<?> type, Method callbackMethod, Object callback) {
      if (type == Runnable.class) {
        Runnable r = (Runnable) callback;
        return (Runnable) () -> executor.execute(r);
      }
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, a) -> {
        if (m.getDeclaringClass() == Object.class) {
          switch (m.getName()) {
            case "equals":
              return a != null && proxy == a[0];
            case "hashCode":
              return System.identityHashCode(proxy);
            default:
              return "callback " + callback + " on " + executor;
          }
        }
        if (m.isDefault()) {
          return DefaultMethods.invoker(type, m).invoke(proxy, a);
        }
        executor.execute(() -> {
          try {
            callbackMethod.invoke(callback, a); // the only abstract method: m itself, made accessible
          } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw Sneaky.<RuntimeException>rethrow(cause != null ? cause : e);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call callback " + callback + ": " + e, e);
          }
        });
        return null;
      });
    }

    @Override
    public String toString() {
      return "Hooks.callbacksOn(" + executor + ")";
    }
  }

  /** The single abstract method of an interface (public or not) that returns {@code void}, or {@code null}. */
  static @Nullable Method callbackMethod(Class<?> type) {
    if (!type.isInterface()) {
      return null;
    }
    Method single = null;
    for (Method m : type.getMethods()) {
      if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) {
        continue;
      }
      if (single != null) {
        return null;
      }
      single = m;
    }
    return single != null && single.getReturnType() == void.class ? single : null;
  }

  private static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
