package dev.thimble.coroutines

import dev.thimble.DefaultMethods
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
 * `default` method (Java's, or such a Kotlin one) is called the way the core's proxies call one ([DefaultMethods]).
 *
 * @throws IllegalArgumentException if [m] has a body that this runtime offers no way to call
 */
internal fun bodyOf(face: Class<*>, m: Method): MemberBody? {
  val declaring = m.declaringClass
  try {
    val impls = Class.forName(declaring.name + "\$DefaultImpls", false, declaring.classLoader)
    val body = impls.getMethod(m.name, declaring, *m.parameterTypes)
    if (Modifier.isStatic(body.modifiers)) {
      return MemberBody { proxy, args ->
        try {
          body.invoke(null, proxy, *args)
        } catch (e: InvocationTargetException) {
          throw e.cause ?: e
        }
      }
    }
  } catch (noBody: ClassNotFoundException) {
    // not a Kotlin interface with bodies kept in DefaultImpls
  } catch (noBody: NoSuchMethodException) {
    // this member has none there
  }
  if (!m.isDefault) {
    return null
  }
  val invoker = DefaultMethods.invoker(face, m)
  return MemberBody { proxy, args -> invoker.invoke(proxy, args) }
}
