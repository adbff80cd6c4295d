package dev.thimble.coroutines.realtargets

import dev.thimble.Thimble
import dev.thimble.coroutines.suspending
import dev.thimble.testing.InlinePool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CompletableFuture
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking

/** A generic source of rows: its element type is bound by a subclass, so the methods' erasure says only Object. */
abstract class Rows<T : Any>(private val rows: List<T>) {
  fun cursor(): Iterator<T> = rows.iterator()

  fun list(): List<T> = rows

  fun first(): CompletableFuture<T> = CompletableFuture.completedFuture(rows.first())

  fun count(): Int = rows.size
}

class NameRows : Rows<String>(listOf("ann", "bob"))

interface NameFlows {
  fun cursor(): Flow<String>
  fun list(): Flow<String>
  suspend fun count(): Int
}

interface IntFlows {
  fun cursor(): Flow<Int>
}

interface ListOfInts {
  fun list(): Flow<Int>
}

interface DeferredNames {
  fun list(): Deferred<List<String>>
  fun first(): CompletableFuture<String>
}

interface DeferredInts {
  fun list(): Deferred<List<Int>>
}

interface FirstAsInt {
  fun first(): CompletableFuture<Int>
}

/**
 * The Kotlin kinds over a generic target whose type variables its subclass binds: a `Flow`'s elements, a
 * `Deferred`'s value and an already-async result are matched as the subclass binds them, not as their erasure
 * (`Object`) would have it, and a face that declares another type argument fails with the whole types named.
 */
class GenericKindsTest : FunSpec({
  test("a Flow of strings is made from Iterator<T> and List<T> where the target's superclass binds T to String") {
    runBlocking {
      val rows = Thimble.of(NameRows(), InlinePool()).suspending<NameFlows>()
      rows.cursor().toList() shouldBe listOf("ann", "bob")
      rows.list().toList() shouldBe listOf("ann", "bob")
      rows.count() shouldBe 2
    }
  }

  test("a Flow whose element type does not fit the bound type argument fails, naming both types") {
    shouldThrow<IllegalArgumentException> { Thimble.of(NameRows(), InlinePool()).suspending<IntFlows>() }
      .message shouldBe "Rows.cursor() returns Iterator<String>, whose elements do not fit the face's Flow<Int>" +
      "\n    for method IntFlows.cursor"
    shouldThrow<IllegalArgumentException> { Thimble.of(NameRows(), InlinePool()).suspending<ListOfInts>() }
      .message shouldBe "Rows.list() returns List<String>, whose elements do not fit the face's Flow<Int>" +
      "\n    for method ListOfInts.list"
  }

  test("a Deferred and a CompletableFuture match results as the target's superclass binds them") {
    runBlocking {
      val rows = Thimble.of(NameRows(), InlinePool()).suspending<DeferredNames>()
      rows.list().await() shouldBe listOf("ann", "bob")
      rows.first().get() shouldBe "ann"
    }
  }

  test("a Deferred or an already-async member whose type argument does not fit the bound one fails, in Kotlin names") {
    shouldThrow<IllegalArgumentException> { Thimble.of(NameRows(), InlinePool()).suspending<DeferredInts>() }
      .message shouldBe "Rows.list() returns List<String>, which does not fit the result type List<Int>; " +
      "declare it as List<String> (or a supertype)\n    for method DeferredInts.list"
    shouldThrow<IllegalArgumentException> { Thimble.of(NameRows(), InlinePool()).suspending<FirstAsInt>() }
      .message shouldBe "Rows.first already returns CompletableFuture<String>, whose value does not fit " +
      "CompletableFuture<Int>\n    for method FirstAsInt.first"
  }
})
