package dev.thimble.coroutines

import java.lang.reflect.InvocationHandler
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier

/** Runs one face member's body on a proxy, given the member's arguments (a `suspend fun`'s continuation last). */
internal fun interface MemberBody {
  fun run(proxy: Any, args: Array<out Any?>): Any?
}

/**
 * The body of [face]'s member [m], or `null` if it has none; found once, when the face is made.
 *
 * Kotlin compiles a body into `Face$DefaultImpls.m(Face, ...)` too (unless the interface opts out, with
 * `-jvm-default=no-compatibility` or `@JvmDefaultWithoutCompatibility`), which runs on any JVM. Otherwise a JVM
 * `default` method (Java's, or such a Kotlin one) is called the way the core calls one (`DefaultMethods` in
 * `thimble-java`, which is not public): `InvocationHandler.invokeDefault` (Java 16+), else
 * `MethodHandles.privateLookupIn` (Java 9+), else Java 8's private `Lookup` constructor, all by reflection because
 * this module compiles to Java 8.
 *
 * @throws IllegalArgumentException if [m] has a body that this runtime offers no way to call
 */
internal fun bodyOf(face: Class<*>, m: Method): MemberBody? {
  val declaring = m.declaringClass
  try {
    val impls = Class.forName(declaring.name + "\$DefaultImpls", false, declaring.classLoader)
    val body = impls.getMethod(m.name, declaring, *m.parameterTypes)
    if (Modifier.isStatic(body.modifiers)) {
      return MemberBody { proxy, args -> unwrapping { body.invoke(null, proxy, *args) } }
    }
  } catch (noBody: ClassNotFoundException) {
    // not a Kotlin interface with bodies kept in DefaultImpls
  } catch (noBody: NoSuchMethodException) {
    // this member has none there
  }
  if (!m.isDefault) {
    return null
  }
  if (!Modifier.isPublic(declaring.modifiers)) {
    // invokeDefault checks that its caller, this file, can access the interface: a face that is not public goes
    // through a private lookup in its own class instead.
    return viaMethodHandles(declaring, m)
  }
  val invokeDefault = try {
    InvocationHandler::class.java.getMethod("invokeDefault", Any::class.java, Method::class.java, Array<Any>::class.java)
  } catch (beforeJava16: NoSuchMethodException) {
    return viaMethodHandles(face, m)
  }
  // The member itself, not invokeDefault, is the method to call; its arguments go as one array.
  return MemberBody { proxy, args -> unwrapping { invokeDefault.invoke(null, proxy, m, args) } }
}

private fun viaMethodHandles(face: Class<*>, m: Method): MemberBody {
  try {
    val handles = Class.forName("java.lang.invoke.MethodHandles")
    val lookupType = Class.forName("java.lang.invoke.MethodHandles\$Lookup")
    val lookup: Any? = try {
      val privateLookupIn = handles.getMethod("privateLookupIn", Class::class.java, lookupType)
      privateLookupIn.invoke(null, face, handles.getMethod("lookup").invoke(null))
    } catch (java8: NoSuchMethodException) {
      val constructor = lookupType.getDeclaredConstructor(Class::class.java, Int::class.java)
      constructor.setAccessible(true)
      constructor.newInstance(face, -1) // all access modes
    }
    val handle = lookupType.getMethod("unreflectSpecial", Method::class.java, Class::class.java).invoke(lookup, m, face)
    val handleType = Class.forName("java.lang.invoke.MethodHandle")
    val bindTo = handleType.getMethod("bindTo", Any::class.java)
    val invokeWithArguments = handleType.getMethod("invokeWithArguments", Array<Any>::class.java)
    return MemberBody { proxy, args -> unwrapping { invokeWithArguments.invoke(bindTo.invoke(handle, proxy), args) } }
  } catch (e: ReflectiveOperationException) {
    throw cannotCall(m, e)
  } catch (e: RuntimeException) {
    throw cannotCall(m, e)
  }
}

/** The core's message for the same failure. */
private fun cannotCall(m: Method, e: Exception) = IllegalArgumentException(
  "default method cannot be called on this runtime (${System.getProperty("java.version")}): $e; implement it in the " +
    "target and declare it without a body instead\n    for method ${m.declaringClass.simpleName}.${m.name}",
)

/** Runs a reflective call, rethrowing what the called method threw as itself. */
private inline fun unwrapping(call: () -> Any?): Any? =
  try {
    call()
  } catch (e: InvocationTargetException) {
    throw e.cause ?: e
  }
