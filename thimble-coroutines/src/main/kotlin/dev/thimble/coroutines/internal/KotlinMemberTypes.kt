package dev.thimble.coroutines.internal

import dev.thimble.internal.FaceMessages
import java.lang.reflect.Method
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import kotlin.coroutines.Continuation
import kotlin.metadata.KmClassifier
import kotlin.metadata.KmFunction
import kotlin.metadata.KmType
import kotlin.metadata.KmVariance
import kotlin.metadata.isNullable
import kotlin.metadata.jvm.KotlinClassMetadata
import kotlin.metadata.jvm.signature

/**
 * The types of a face's members as Kotlin declares them, read once from the face's Kotlin metadata (`@Metadata`,
 * through kotlin-metadata-jvm): whether a member admits `null`, and types named as Kotlin names them (`Int`,
 * `Flow<Int>`, `String?`). A member without metadata (a Java interface's) admits `null`, as a platform type does.
 *
 * In `dev.thimble.coroutines.internal`, not the public package: a Kotlin `internal` class is public to Java.
 */
internal class KotlinMemberTypes {
  private val functions = HashMap<Class<*>, Map<String, KmFunction>>()

  /** Whether [member]'s value ([element]: its `Deferred`'s value or its `Flow`'s elements) may be `null`. */
  fun admitsNull(member: Method, element: Boolean): Boolean {
    val declared = function(member)?.returnType ?: return true
    val type = if (element) declared.arguments.singleOrNull()?.type ?: return true else declared
    return type.isNullable || type.classifier is KmClassifier.TypeParameter // a type variable: not known here
  }

  /** [type], a type of [member] (its result, its return type, or a type to declare it with), as Kotlin writes it. */
  fun typeName(member: Method, type: Type): String {
    val function = function(member)
    val declared = function?.returnType
    val km = when {
      declared == null -> null
      suspends(member) -> declared.takeIf { type == resultOfContinuation(member) }
      type == member.genericReturnType -> declared
      type == typeArgument(member.genericReturnType) -> declared.arguments.singleOrNull()?.type
      else -> null
    }
    return if (km != null) name(km, function) else javaName(type)
  }

  /** `Deferred<String?>`, `Flow<Int?>`: [member]'s return type with a nullable argument. */
  fun nullableElementName(member: Method): String {
    val whole = typeName(member, member.genericReturnType)
    return whole.substringBefore('<') + "<" + typeName(member, typeArgument(member.genericReturnType)) + "?>"
  }

  private fun function(member: Method): KmFunction? =
    functions.getOrPut(member.declaringClass) { read(member.declaringClass) }[member.name + descriptor(member)]

  private fun read(face: Class<*>): Map<String, KmFunction> {
    val metadata = face.getAnnotation(Metadata::class.java) ?: return emptyMap()
    val kmClass = try {
      (KotlinClassMetadata.readLenient(metadata) as? KotlinClassMetadata.Class)?.kmClass
    } catch (newer: IllegalArgumentException) {
      null // metadata of a Kotlin newer than this reader: nullability unknown, null admitted
    } ?: return emptyMap()
    return kmClass.functions.mapNotNull { f -> f.signature?.let { it.toString() to f } }.toMap()
  }

  private fun name(type: KmType, function: KmFunction?): String {
    val base = when (val c = type.classifier) {
      is KmClassifier.Class -> c.name.substringAfterLast('/').substringAfterLast('.')
      is KmClassifier.TypeAlias -> c.name.substringAfterLast('/').substringAfterLast('.')
      is KmClassifier.TypeParameter -> function?.typeParameters?.firstOrNull { it.id == c.id }?.name ?: "T"
    }
    val arguments = if (type.arguments.isEmpty()) "" else type.arguments.joinToString(", ", "<", ">") { p ->
      val t = p.type ?: return@joinToString "*"
      when (p.variance) {
        KmVariance.IN -> "in "
        KmVariance.OUT -> "out "
        else -> ""
      } + name(t, function)
    }
    return base + arguments + if (type.isNullable) "?" else ""
  }
}

/** A Java type as Kotlin writes it: `Int` for `int` and `Integer`, `Any` for `Object`, `IntArray`, `Array<String>`. */
internal fun javaName(type: Type): String = when (type) {
  is Class<*> -> when {
    type.isArray && type.componentType.isPrimitive -> javaName(type.componentType) + "Array"
    type.isArray -> "Array<" + javaName(type.componentType) + ">"
    type == Any::class.java -> "Any"
    type == Void::class.java || type == Void.TYPE -> "Unit"
    type.isPrimitive || type.kotlin.javaPrimitiveType != null -> type.kotlin.javaPrimitiveType!!.kotlin.simpleName!!
    else -> type.simpleName
  }
  is ParameterizedType -> javaName(type.rawType) + type.actualTypeArguments.joinToString(", ", "<", ">") { javaName(it) }
  is WildcardType -> when {
    type.lowerBounds.isNotEmpty() -> "in " + javaName(type.lowerBounds[0])
    type.upperBounds[0] == Any::class.java -> "*"
    else -> "out " + javaName(type.upperBounds[0])
  }
  else -> FaceMessages.typeName(type)
}

/** `name(Ljava/lang/String;)Ljava/lang/Object;`: how Kotlin's metadata names a JVM method. */
private fun descriptor(m: Method): String =
  m.parameterTypes.joinToString("", "(", ")") { descriptor(it) } + descriptor(m.returnType)

private fun descriptor(c: Class<*>): String = when {
  c.isArray -> "[" + descriptor(c.componentType)
  c == Void.TYPE -> "V"
  c == Integer.TYPE -> "I"
  c == java.lang.Long.TYPE -> "J"
  c == java.lang.Boolean.TYPE -> "Z"
  c == java.lang.Byte.TYPE -> "B"
  c == java.lang.Short.TYPE -> "S"
  c == Character.TYPE -> "C"
  c == java.lang.Float.TYPE -> "F"
  c == java.lang.Double.TYPE -> "D"
  else -> "L" + c.name.replace('.', '/') + ";"
}

internal fun suspends(m: Method): Boolean = m.parameterTypes.lastOrNull() == Continuation::class.java

/** `R` of a suspend function's `Continuation<in R>` (`Continuation<? super R>` to Java). */
internal fun resultOfContinuation(member: Method): Type {
  val argument = typeArgument(member.genericParameterTypes.last())
  return if (argument is WildcardType && argument.lowerBounds.isNotEmpty()) argument.lowerBounds[0] else argument
}

/** The one type argument of `Deferred<R>`, `Flow<E>`, `Iterator<E>`...; `Object` if raw. */
internal fun typeArgument(type: Type): Type {
  val argument = (type as? ParameterizedType)?.actualTypeArguments?.singleOrNull() ?: return Any::class.java
  return if (argument is WildcardType && argument.lowerBounds.isEmpty()) argument.upperBounds[0] else argument
}
