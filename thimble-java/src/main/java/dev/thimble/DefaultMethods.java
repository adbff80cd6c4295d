package dev.thimble;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import dev.thimble.internal.MemberCall;
import org.jspecify.annotations.Nullable;

/**
 * Calls a face's {@code default} methods on a proxy, for the face parser ({@link FaceParser}) and {@link Hooks}.
 *
 * <p>The way is found once per method, by reflection, because it differs by runtime and the core compiles to Java
 * 8: {@code InvocationHandler.invokeDefault} (Java 16+), else {@code MethodHandles.privateLookupIn} (Java 9+), else
 * the Java 8 private {@code Lookup} constructor.
 */
final class DefaultMethods {
  private DefaultMethods() {}

  /**
   * Finds how to call {@code method}'s body on proxies of {@code face}.
   *
   * @param face the interface the proxies implement
   * @param method a {@code default} method of {@code face} or of one of its super-interfaces
   * @return the invoker, to keep and use for every call
   * @throws IllegalArgumentException if this runtime offers no way to call it, or the interface's module does not
   *     export (or, for an interface that is not public, open) its package to thimble, naming the method
   */
  static MemberCall invoker(Class<?> face, Method method) {
    Class<?> declaring = method.getDeclaringClass();
    String blocked = ModuleAccess.faceAdvice(declaring);
    if (blocked != null) {
      // Said here, once, rather than by an IllegalAccessException on every call of the method.
      throw TargetMethods.methodError(method, "default method "
          + TargetMethods.signature(method.getName(), method.getParameterTypes()) + " cannot be run: its interface "
          + declaring.getName() + " is " + blocked);
    }
    if (!java.lang.reflect.Modifier.isPublic(declaring.getModifiers())) {
      // invokeDefault checks that its caller, this class, can access the interface: a face that is not public (a
      // user's package-private interface) goes through a private lookup in its own class instead.
      return viaMethodHandles(declaring, method);
    }
    try {
      Method invokeDefault = java.lang.reflect.InvocationHandler.class.getMethod("invokeDefault", Object.class,
          Method.class, Object[].class);
      return (proxy, args) -> unwrap(() -> invokeDefault.invoke(null, proxy, method, args));
    } catch (NoSuchMethodException beforeJava16) {
      return viaMethodHandles(face, method);
    }
  }

  private static MemberCall viaMethodHandles(Class<?> face, Method method) {
    try {
      Class<?> handles = Class.forName("java.lang.invoke.MethodHandles");
      Class<?> lookupType = Class.forName("java.lang.invoke.MethodHandles$Lookup");
      Object lookup;
      try {
        Method privateLookupIn = handles.getMethod("privateLookupIn", Class.class, lookupType);
        lookup = privateLookupIn.invoke(null, face, handles.getMethod("lookup").invoke(null));
      } catch (NoSuchMethodException java8) {
        java.lang.reflect.Constructor<?> constructor = lookupType.getDeclaredConstructor(Class.class, int.class);
        constructor.setAccessible(true);
        lookup = constructor.newInstance(face, -1); // all access modes
      }
      Object handle = lookupType.getMethod("unreflectSpecial", Method.class, Class.class)
          .invoke(lookup, method, face);
      Class<?> handleType = Class.forName("java.lang.invoke.MethodHandle");
      Method bindTo = handleType.getMethod("bindTo", Object.class);
      Method invokeWithArguments = handleType.getMethod("invokeWithArguments", Object[].class);
      return (proxy, args) -> unwrap(() -> invokeWithArguments.invoke(bindTo.invoke(handle, proxy),
          (Object) (args == null ? new Object[0] : args)));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw TargetMethods.methodError(method, "default method cannot be called on this runtime ("
          + System.getProperty("java.version") + "): " + e
          + "; implement it in the target and declare it without a body instead");
    }
  }

  private interface Reflective {
    @Nullable Object call() throws ReflectiveOperationException;
  }

  private static @Nullable Object unwrap(Reflective call) throws Throwable {
    try {
      return call.call();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause != null ? cause : e;
    }
  }
}
