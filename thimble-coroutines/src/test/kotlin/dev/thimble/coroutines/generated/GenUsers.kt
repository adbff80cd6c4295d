package dev.thimble.coroutines.generated

import dev.thimble.ThimbleFace
import java.io.IOException
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.Flow

/** The target of [GenUsers]: lookups that may find nothing, a checked failure, and a source that says it closed. */
class Users {
  val closed = AtomicInteger()

  fun get(id: Long): String? = if (id == 0L) null else "user $id"

  fun load(id: Long): String? = get(id)

  fun names(withNull: Boolean): Iterator<String?>? = if (withNull) listOf("ann", null).iterator() else null

  fun stream(): Iterator<String> = object : Iterator<String>, AutoCloseable {
    private var next = 0

    override fun hasNext(): Boolean = true

    override fun next(): String = "name ${next++}"

    override fun close() {
      closed.incrementAndGet()
    }
  }

  fun park() {}

  @Throws(IOException::class)
  fun read(): String = throw IOException("disk gone")
}

/**
 * A suspending face whose generated class, [GenUsers_Thimble], is written by hand (in Java, as thimble-processor
 * writes it): one member of each kind the Kotlin adapter adds.
 */
@ThimbleFace(target = Users::class)
interface GenUsers {
  suspend fun get(id: Long): String

  fun load(id: Long): Deferred<String>

  fun names(withNull: Boolean): Flow<String>

  fun stream(): Flow<String>

  suspend fun park()

  suspend fun read(): String

  suspend fun greet(id: Long): String = "hello, " + get(id)

  suspend fun refuse(id: Long): String = throw IOException("refused $id") // before any suspension
}

/** Another target with the same simple name, which [GenUsers]'s generated class does not take: the reflective face. */
object Elsewhere {
  class Users {
    val closed = AtomicInteger()

    fun get(id: Long): String? = if (id == 0L) null else "user $id"

    fun load(id: Long): String? = get(id)

    fun names(withNull: Boolean): Iterator<String?>? = if (withNull) listOf("ann", null).iterator() else null

    fun stream(): Iterator<String> = object : Iterator<String>, AutoCloseable {
      private var next = 0

      override fun hasNext(): Boolean = true

      override fun next(): String = "name ${next++}"

      override fun close() {
        closed.incrementAndGet()
      }
    }

    fun park() {}

    @Throws(IOException::class)
    fun read(): String = throw IOException("disk gone")
  }
}
