@file:JvmName("SuspendingFaces")

package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.coroutines.internal.KotlinMemberTypes
import dev.thimble.coroutines.internal.deferredCall
import dev.thimble.coroutines.internal.defaultImplsBody
import dev.thimble.coroutines.internal.flowCall
import dev.thimble.coroutines.internal.resultOfContinuation
import dev.thimble.coroutines.internal.suspendBody
import dev.thimble.coroutines.internal.suspendCall
import dev.thimble.coroutines.internal.suspends
import dev.thimble.coroutines.internal.typeArgument
import dev.thimble.internal.Adapters
import dev.thimble.internal.BoundMethod
import dev.thimble.internal.FaceAdapter
import dev.thimble.internal.FaceMessages
import dev.thimble.internal.MemberCall
import dev.thimble.internal.ReturnKind
import java.lang.reflect.Method
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import kotlin.coroutines.Continuation
import kotlin.reflect.KClass
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.Flow

/**
 * Makes a suspending face over this thimble's target: an implementation of the interface [S] whose members map onto
 * the target's blocking methods of the same name and parameter types.
 *
 * ```
 * interface SuspendingCar {
 *   suspend fun driveTo(location: String): String // runs on the pool; the caller suspends
 *   fun wheels(): Int                               // passes through, on the caller's thread
 * }
 * val car = thimble.suspending<SuspendingCar>()
 * ```
 *
 * For each member of [S], decided once, here:
 * - a `suspend fun` runs the target's method on the pool, as [call] does (waiting for room when the pool is full,
 *   cancelled with its coroutine, failing with the target's very exception); its result type must fit the target
 *   method's (`Unit` fits anything);
 * - a member returning `Deferred<R>` starts the call at once and returns its `Deferred`, as [async] without a
 *   scope does (in the thimble's own scope when it has one);
 * - a member returning `Flow<E>` maps onto a target method returning `Iterator<E>`, `Iterable<E>` or
 *   `java.util.stream.Stream<E>`. Each collection calls that method on the pool, then takes the elements one at a
 *   time, each in a call of its own on the pool, so nothing is read ahead of the collector. The source (the
 *   `Stream`, or an `Iterator` or `Iterable` that is `AutoCloseable`) is closed, on the pool, when the collection
 *   completes, fails or is cancelled. A pull that is running when the collector is cancelled is interrupted, and
 *   the collector does not wait for it: the pull closes the source itself when it returns;
 * - a member returning a `CompletableFuture`, `CompletionStage` or `Future` behaves as in the Java proxy
 *   (`Thimble.proxy`);
 * - a member with a body runs as written, on the caller's thread;
 * - any other member passes through: the target's method is called on the caller's thread.
 *
 * ## Nullability
 * A member's nullability is read once, here, from the face's Kotlin metadata. A target that returns `null` for a
 * member declared non-null (`suspend fun find(id: Int): String`) fails the call with a [NullPointerException] that
 * names the member and says to declare it nullable (`String?`), which lets `null` through. The same holds for the
 * value of a `Deferred<T>` member and the elements of a `Flow<T>` member. Members of faces without Kotlin metadata
 * (Java interfaces) admit `null`.
 *
 * `equals`, `hashCode` and `toString` are the proxy's own.
 *
 * ## Exceptions
 * A failure never escapes a `suspend fun`, with a body or without, as an `UndeclaredThrowableException`: the
 * caller's continuation is resumed with the exception itself, checked or not.
 *
 * <b>Warning:</b> a member that is not `suspend` (one that passes through, or has a body) is called as any Java
 * proxy's method is, and a proxy wraps a checked exception its method does not declare in an
 * `UndeclaredThrowableException`. Kotlin declares none unless told: annotate such a member with `@Throws`, as in
 * `@Throws(IOException::class) fun read(): String`, and the exception arrives as itself.
 *
 * @throws IllegalArgumentException if [S] is not an interface, or one of its members matches no target method; the
 *     face is parsed by the Java proxy's parser, with its messages (types written as Kotlin writes them): it names
 *     the member, what was looked for and the closest candidates
 */
public inline fun <reified S : Any> Thimble<*>.suspending(): S = suspending(S::class)

/**
 * Makes a suspending face over this thimble's target, as `suspending<S>()` does, for a face given as a [KClass].
 *
 * @throws IllegalArgumentException if [kClass] is not an interface, or one of its members matches no target method
 */
public fun <S : Any> Thimble<*>.suspending(kClass: KClass<S>): S =
  Adapters.proxy(this, kClass.java, SuspendingFaceAdapter(this))

/**
 * The Kotlin adapter's part of the core's face parser: the kinds of return `suspend fun`, `Deferred` and `Flow`,
 * bodies kept in `DefaultImpls`, and types named as Kotlin names them. Everything else (matching, hooks, checks,
 * messages, `equals`/`hashCode`/`toString`, JVM `default` methods) is the core's. One per face, so that the face's
 * nullability is read once.
 */
private class SuspendingFaceAdapter(private val thimble: Thimble<*>) : FaceAdapter() {
  private val types = KotlinMemberTypes()
  private val kinds: List<ReturnKind> = listOf(SuspendKind(), DeferredKind(), FlowKind())

  override fun kinds(): List<ReturnKind> = kinds

  override fun proxyName(): String = "suspending proxy"

  override fun body(face: Class<*>, member: Method): MemberCall? = defaultImplsBody(member)

  override fun withBody(member: Method, body: MemberCall): MemberCall =
    if (!suspends(member)) body else MemberCall { proxy, args ->
      // A failure before the body's first suspension goes to the caller's continuation, as a plain suspend fun's does.
      suspendBody(args!![args.size - 1] as Continuation<*>) { body.invoke(proxy, args) }
    }

  override fun typeName(member: Method, type: Type): String = types.typeName(member, type)

  override fun toRunOnThePool(member: Method, result: Class<*>): String = "declare it suspend"

  /** `suspend fun`: runs on the pool as [call] does; the caller's continuation gets its outcome. */
  private inner class SuspendKind : ReturnKind {
    override fun recognises(member: Method): Boolean = suspends(member)

    override fun targetParameters(member: Method): Array<Class<*>> =
      member.parameterTypes.let { it.copyOfRange(0, it.size - 1) }

    override fun resultType(member: Method): Type? = resultOfContinuation(member).takeUnless { it == Unit::class.java }

    override fun adapt(member: Method, call: BoundMethod): MemberCall {
      val returnsUnit = resultType(member) == null
      val ifNull = if (returnsUnit || types.admitsNull(member, element = false)) null else nullMessage(member, call)
      return MemberCall { _, args ->
        val all = args!!
        suspendCall(call, all.copyOfRange(0, all.size - 1), returnsUnit, ifNull, all[all.size - 1] as Continuation<*>)
      }
    }
  }

  /** Returns a `Deferred` over a call started at once, as [async] without a scope does. */
  private inner class DeferredKind : ReturnKind {
    override fun recognises(member: Method): Boolean = member.returnType == Deferred::class.java

    override fun targetParameters(member: Method): Array<Class<*>> = member.parameterTypes

    override fun resultType(member: Method): Type? =
      typeArgument(member.genericReturnType).takeUnless { it == Unit::class.java }

    override fun adapt(member: Method, call: BoundMethod): MemberCall {
      val returnsUnit = resultType(member) == null
      val ifNull = if (returnsUnit || types.admitsNull(member, element = true)) null else nullMessage(member, call)
      return MemberCall { _, args -> deferredCall<Any?>(thimble, call, args, returnsUnit, ifNull) }
    }
  }

  /** Returns a cold `Flow` over the `Iterator`, `Iterable` or `Stream` the target's method returns. */
  private inner class FlowKind : ReturnKind {
    override fun recognises(member: Method): Boolean = member.returnType == Flow::class.java

    override fun targetParameters(member: Method): Array<Class<*>> = member.parameterTypes

    override fun resultType(member: Method): Type? = null // checked here, with the Flow's own messages

    override fun adapt(member: Method, call: BoundMethod): MemberCall {
      val target = call.targetMethod()
      val signature = signature(target)
      // The return type as the target's class binds it: Iterator<T> of a Repository<String> is an Iterator<String>.
      val returnType = call.returnType()
      val returned = FaceMessages.typeName(returnType)
      // Erased, the source must be one: a type variable left unbound is not known to be (erasure checks its bound).
      val raw = (returnType as? Class<*>) ?: ((returnType as? ParameterizedType)?.rawType as? Class<*>)
        ?: target.returnType
      val source = FLOW_SOURCES.firstOrNull { it.isAssignableFrom(raw) }
        ?: throw FaceMessages.methodError(member, FaceMessages.notAFlowSource(signature, returned))
      val wanted = typeArgument(member.genericReturnType)
      val given = Adapters.typeArgument(returnType, source) // null: raw, unchecked as erasure is
      if (given != null && !Adapters.fits(given, boxed(wanted))) {
        throw FaceMessages.methodError(member, FaceMessages.flowElementsDoNotFit(signature, returned,
          types.typeName(member, member.genericReturnType)))
      }
      val ifNull = forMethod(member, FaceMessages.nullFlowSource(signature, returned))
      val ifNullElement = if (types.admitsNull(member, element = true)) null else forMethod(member,
        FaceMessages.nullForNonNull(signature, "a null element", types.typeName(member, member.genericReturnType),
          types.nullableElementName(member)))
      return MemberCall { _, args -> flowCall<Any?>(thimble, call, args, ifNull, ifNullElement) }
    }
  }

  /** The message of a member declared non-null whose target returned `null`: the value's, or its `Deferred`'s. */
  private fun nullMessage(member: Method, call: BoundMethod): String {
    val declared = types.typeName(member, if (suspends(member)) resultOfContinuation(member) else member.genericReturnType)
    val nullable = if (suspends(member)) "$declared?" else types.nullableElementName(member)
    return forMethod(member, FaceMessages.nullForNonNull(signature(call.targetMethod()), "null", declared, nullable))
  }
}

/** What a `Flow` member's target method may return, its elements the flow's. */
private val FLOW_SOURCES: List<Class<*>> =
  listOf(Iterator::class.java, Iterable::class.java, java.util.stream.Stream::class.java)

/** A primitive type as its box (a `Flow<Int>`'s element is an `Integer` on the JVM already; kept for raw faces). */
private fun boxed(type: Type): Type = if (type is Class<*>) type.kotlin.javaObjectType else type

private fun forMethod(member: Method, message: String): String =
  FaceMessages.forMethod(message, member.declaringClass.simpleName, member.name)

/** `Rows.numbers(int)`: the target method, as the core's messages write it. */
private fun signature(target: Method): String = target.declaringClass.simpleName + "." +
  FaceMessages.signature(target.name, *target.parameterTypes.map { FaceMessages.typeName(it) }.toTypedArray())
