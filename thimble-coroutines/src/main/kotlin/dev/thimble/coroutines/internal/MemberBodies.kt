package dev.thimble.coroutines.internal

import dev.thimble.internal.MemberCall
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier

/**
 * The body Kotlin compiled for [m] into `Face$DefaultImpls.m(Face, ...)`, which runs on any JVM, or `null` if it has
 * none there (an interface that opts out, with `-jvm-default=no-compatibility` or `@JvmDefaultWithoutCompatibility`,
 * has JVM `default` methods instead, which the core's parser calls itself); found once, when the face is made.
 */
internal fun defaultImplsBody(m: Method): MemberCall? {
  val declaring = m.declaringClass
  val body = try {
    Class.forName(declaring.name + "\$DefaultImpls", false, declaring.classLoader).getMethod(m.name, declaring, *m.parameterTypes)
  } catch (noBody: ClassNotFoundException) {
    return null // not a Kotlin interface with bodies kept in DefaultImpls
  } catch (noBody: NoSuchMethodException) {
    return null // this member has none there
  }
  if (!Modifier.isStatic(body.modifiers)) {
    return null
  }
  return MemberCall { proxy, args ->
    try {
      body.invoke(null, proxy, *(args ?: arrayOf()))
    } catch (e: InvocationTargetException) {
      throw e.cause ?: e
    }
  }
}
