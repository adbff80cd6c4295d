@file:JvmName("SuspendingFaces")

package dev.thimble.coroutines

import dev.thimble.BoundMethod
import dev.thimble.Thimble
import java.lang.reflect.InvocationHandler
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Proxy
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.intercepted
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.resumeWithException
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
 * - a member with a body runs as written, on the caller's thread;
 * - any other member passes through: the target's method is called on the caller's thread.
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
 *     message is the Java proxy's (`Thimble.proxy`): it names the member, what was looked for and the closest
 *     candidates
 */
public inline fun <reified S : Any> Thimble<*>.suspending(): S = suspending(S::class)

/**
 * Makes a suspending face over this thimble's target, as `suspending<S>()` does, for a face given as a [KClass].
 *
 * @throws IllegalArgumentException if [kClass] is not an interface, or one of its members matches no target method
 */
public fun <S : Any> Thimble<*>.suspending(kClass: KClass<S>): S = SuspendingFace.create(this, kClass.java)

/** The invocation handler of [suspending]: every member parsed once into a [Plan]; a call only runs its plan. */
internal class SuspendingFace private constructor(
  private val plans: Map<Method, Plan>,
  private val description: String,
) : InvocationHandler {

  override fun invoke(proxy: Any, method: Method, args: Array<out Any?>?): Any? {
    val plan = plans[method] ?: throw UnsupportedOperationException("$method is not part of $description")
    return plan.invoke(proxy, args)
  }

  /** One member, decided when the face is made. */
  internal abstract class Plan {
    abstract fun invoke(proxy: Any, args: Array<out Any?>?): Any?
  }

  /** A `suspend fun`: the call runs on the pool; the caller's continuation gets its outcome. */
  private class SuspendCall(private val bound: BoundMethod, private val returnsUnit: Boolean) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any? {
      val all = args!!
      @Suppress("UNCHECKED_CAST")
      val continuation = all[all.size - 1] as Continuation<Any?>
      val callArgs = all.copyOfRange(0, all.size - 1)
      val call: suspend () -> Any? = {
        val value = submitAndAwait { bound.submitWhenRoom(callArgs) }
        if (returnsUnit) Unit else value
      }
      return startFromProxy(continuation) { call.startCoroutineUninterceptedOrReturn(continuation) }
    }
  }

  /** Returns a `Deferred` over a call started at once. */
  private class AsyncCall(
    private val thimble: Thimble<*>,
    private val bound: BoundMethod,
    private val returnsUnit: Boolean,
  ) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any =
      deferredIn(thimble.ownScope, { bound.submitWhenRoom(args) }) { value -> if (returnsUnit) Unit else value }
  }

  /** Returns a cold `Flow` over the iterator the target's method returns. */
  private class FlowCall(
    private val thimble: Thimble<*>,
    private val bound: BoundMethod,
    private val ifNull: String,
  ) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any =
      iteratorFlow(thimble, ifNull) { ifAbandoned -> bound.submitWhenRoom(args, ifAbandoned) }
  }

  /** Called on the caller's thread. */
  private class PassThrough(private val bound: BoundMethod) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any? = bound.invoke(args)
  }

  /** A member with a body, run as written, on the caller's thread. */
  private class WithBody(private val body: MemberBody) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any? = body.run(proxy, args ?: NO_ARGS)
  }

  /**
   * A `suspend fun` with a body, run as written; a failure before its first suspension is handed to the caller's
   * continuation, as a plain `suspend fun`'s is, rather than thrown from the proxy.
   */
  private class SuspendWithBody(private val body: MemberBody) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any? {
      val all = args!!
      @Suppress("UNCHECKED_CAST")
      val continuation = all[all.size - 1] as Continuation<Any?>
      return startFromProxy(continuation) { body.run(proxy, all) }
    }
  }

  private class ObjectMethod(private val name: String, private val description: String) : Plan() {
    override fun invoke(proxy: Any, args: Array<out Any?>?): Any = when (name) {
      "equals" -> args != null && proxy === args[0]
      "hashCode" -> System.identityHashCode(proxy)
      else -> description
    }
  }

  internal companion object {
    fun <S : Any> create(thimble: Thimble<*>, face: Class<S>): S {
      require(face.isInterface) {
        // The Java proxy's message (FaceProxy.create), word for word.
        "face must be an interface, but ${if (face.isArray) typeName(face) else face.name} is " +
          (if (face.isPrimitive) "a primitive type" else if (face.isArray) "an array type" else "a class") +
          "; declare an interface that mirrors the methods of ${thimble.target().javaClass.simpleName}"
      }
      val description = "${face.simpleName} suspending proxy of $thimble"
      val plans = HashMap<Method, Plan>()
      for (m in face.methods) {
        if (!Modifier.isStatic(m.modifiers)) {
          plans[m] = parse(thimble, face, m, description)
        }
      }
      for (name in arrayOf("equals", "hashCode", "toString")) {
        val m = if (name == "equals") Any::class.java.getMethod(name, Any::class.java) else Any::class.java.getMethod(name)
        plans[m] = ObjectMethod(name, description)
      }
      val proxy = Proxy.newProxyInstance(face.classLoader, arrayOf(face), SuspendingFace(plans, description))
      return face.cast(proxy)
    }

    private val NO_ARGS = arrayOf<Any?>()

    private fun parse(thimble: Thimble<*>, face: Class<*>, m: Method, description: String): Plan {
      if (isObjectMethod(m)) {
        return ObjectMethod(m.name, description)
      }
      val params = m.parameterTypes
      val suspends = params.isNotEmpty() && params[params.size - 1] == Continuation::class.java
      val body = bodyOf(face, m)
      if (body != null) {
        return if (suspends) SuspendWithBody(body) else WithBody(body)
      }
      if (suspends) {
        val result = resultOfContinuation(m.genericParameterTypes[params.size - 1])
        val returnsUnit = result == Unit::class.java
        val bound = thimble.bind(m, params.copyOfRange(0, params.size - 1), if (returnsUnit) null else result)
        return SuspendCall(bound, returnsUnit)
      }
      return when (m.returnType) {
        Deferred::class.java -> {
          val result = typeArgument(m.genericReturnType)
          val returnsUnit = result == Unit::class.java
          AsyncCall(thimble, thimble.bind(m, params, if (returnsUnit) null else result), returnsUnit)
        }
        Flow::class.java -> {
          val bound = thimble.bind(m, params, null)
          val target = bound.targetMethod()
          checkFlowSource(m, target)
          FlowCall(
            thimble, bound,
            "${signature(target)} returned null, which a Flow cannot be made from; return an empty " +
              "${typeName(target.genericReturnType)} instead\n    for method ${m.declaringClass.simpleName}.${m.name}",
          )
        }
        else -> PassThrough(thimble.bind(m, params, if (m.returnType == Void.TYPE) null else m.genericReturnType))
      }
    }

    private fun isObjectMethod(m: Method): Boolean {
      val p = m.parameterTypes
      return (m.name == "equals" && p.size == 1 && p[0] == Any::class.java) ||
        (m.name == "hashCode" && p.isEmpty()) || (m.name == "toString" && p.isEmpty())
    }

    /** Fails unless the target's method returns something a `Flow` can be made from, of fitting elements. */
    private fun checkFlowSource(face: Method, target: Method) {
      val returned = target.returnType
      val fits = Iterator::class.java.isAssignableFrom(returned) || Iterable::class.java.isAssignableFrom(returned) ||
        java.util.stream.Stream::class.java.isAssignableFrom(returned)
      val what = "${signature(target)} returns ${typeName(target.genericReturnType)}"
      require(fits) {
        "$what, which a Flow cannot be made from; return Iterator<E>, Iterable<E> or Stream<E>" +
          "\n    for method ${face.declaringClass.simpleName}.${face.name}"
      }
      val wanted = typeArgument(face.genericReturnType)
      val given = typeArgument(target.genericReturnType)
      if (wanted is Class<*> && given is Class<*>) {
        require(boxed(wanted).isAssignableFrom(given)) {
          "$what, whose elements do not fit the face's ${typeName(face.genericReturnType)}" +
            "\n    for method ${face.declaringClass.simpleName}.${face.name}"
        }
      }
    }

    /** `Rows.numbers(int)`: the target method, as the core's messages write it. */
    private fun signature(target: Method): String =
      "${target.declaringClass.simpleName}.${target.name}(" + target.parameterTypes.joinToString(", ") { it.simpleName } + ")"

    /** `R` of a suspend function's `Continuation<in R>` (`Continuation<? super R>` to Java). */
    private fun resultOfContinuation(type: Type): Type {
      val argument = typeArgument(type)
      return if (argument is WildcardType && argument.lowerBounds.isNotEmpty()) argument.lowerBounds[0] else argument
    }

    /** The one type argument of `Deferred<R>`, `Flow<E>`, `Iterator<E>`...; `Object` if raw. */
    private fun typeArgument(type: Type): Type {
      val argument = (type as? ParameterizedType)?.actualTypeArguments?.singleOrNull() ?: return Any::class.java
      return if (argument is WildcardType && argument.lowerBounds.isEmpty()) argument.upperBounds[0] else argument
    }

    /** `Iterator<String>`: simple names, as the core's messages write types (`Type.getTypeName` is API 28). */
    private fun typeName(type: Type): String = when (type) {
      is Class<*> -> type.simpleName
      is ParameterizedType -> typeName(type.rawType) + type.actualTypeArguments.joinToString(", ", "<", ">") { typeName(it) }
      is WildcardType -> when {
        type.lowerBounds.isNotEmpty() -> "? super " + typeName(type.lowerBounds[0])
        type.upperBounds[0] == Any::class.java -> "?"
        else -> "? extends " + typeName(type.upperBounds[0])
      }
      else -> type.toString()
    }

    private fun boxed(type: Class<*>): Class<*> = if (type.isPrimitive) type.kotlin.javaObjectType else type
  }
}

/**
 * Starts a `suspend fun` called through a proxy, with the caller's [continuation]: [start] runs it until it returns
 * its value or suspends. A proxy must not throw a checked exception its method does not declare (it would become an
 * `UndeclaredThrowableException`), so a failure that comes at once is handed to the continuation, through its
 * dispatcher, instead of being thrown.
 */
private inline fun startFromProxy(continuation: Continuation<Any?>, start: () -> Any?): Any? =
  try {
    start()
  } catch (e: Throwable) {
    continuation.intercepted().resumeWithException(e)
    COROUTINE_SUSPENDED
  }
