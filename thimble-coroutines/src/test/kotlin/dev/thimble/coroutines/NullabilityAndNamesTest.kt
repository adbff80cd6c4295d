package dev.thimble.coroutines

import dev.thimble.Thimble
import dev.thimble.ThimbleFace
import dev.thimble.testing.InlinePool
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest

/** A blocking directory whose lookups may find nothing: `null`, as Java APIs say it. */
class Directory {
  fun find(id: Int): String? = if (id == 0) null else "user $id"

  fun names(): Iterator<String?> = listOf("ann", null, "bob").iterator()

  fun count(): Int = 2
}

@ThimbleFace(target = Directory::class)
interface NonNullDirectory {
  suspend fun find(id: Int): String

  fun names(): Flow<String>
}

@ThimbleFace(target = Directory::class)
interface NullableDirectory {
  suspend fun find(id: Int): String?

  fun names(): Flow<String?>
}

@ThimbleFace(target = Directory::class)
interface NullableDeferredDirectory {
  fun find(id: Int): Deferred<String?>
}

interface NamesOfLongs {
  fun names(): Flow<Long>
}

interface CountAsText {
  fun count(): String
}

class NullabilityAndNamesTest : FunSpec({
  val target = Directory()

  test("nonNullSuspendMemberWhoseTargetReturnsNullFailsNamingTheMemberAndTheFix") {
    runTest(timeout = 10.seconds) {
      val face = Thimble.of(target, InlinePool()).suspending<NonNullDirectory>()
      face.find(1) shouldBe "user 1"
      val error = shouldThrow<NullPointerException> { face.find(0) }
      error.message shouldBe "Directory.find(int) returned null, which the face's String does not admit; declare it " +
        "as String? to let null through\n    for method NonNullDirectory.find"
    }
  }

  test("nullableSuspendMemberPassesNullThrough") {
    runTest(timeout = 10.seconds) {
      Thimble.of(target, InlinePool()).suspending<NullableDirectory>().find(0) shouldBe null
    }
  }

  test("nonNullDeferredMemberWhoseTargetReturnsNullFails") {
    runTest(timeout = 10.seconds) {
      val face = Thimble.of(target, InlinePool()).suspending<NonNullDirectoryDeferred>()
      val error = shouldThrow<NullPointerException> { face.find(0).await() }
      error.message shouldBe "Directory.find(int) returned null, which the face's Deferred<String> does not admit; " +
        "declare it as Deferred<String?> to let null through\n    for method NonNullDirectoryDeferred.find"
      Thimble.of(target, InlinePool()).suspending<NullableDeferredDirectory>().find(0).await() shouldBe null
    }
  }

  test("nonNullFlowMemberFailsAtANullElement") {
    runTest(timeout = 10.seconds) {
      val face = Thimble.of(target, InlinePool()).suspending<NonNullDirectory>()
      val error = shouldThrow<NullPointerException> { face.names().toList() }
      error.message shouldBe "Directory.names() returned a null element, which the face's Flow<String> does not " +
        "admit; declare it as Flow<String?> to let null through\n    for method NonNullDirectory.names"
      Thimble.of(target, InlinePool()).suspending<NullableDirectory>().names().toList() shouldBe
        listOf("ann", null, "bob")
    }
  }

  test("errorsAboutKotlinFacesNameTypesAsKotlinDoes") {
    val thimble = Thimble.of(target, InlinePool())
    shouldThrow<IllegalArgumentException> { thimble.suspending<NamesOfLongs>() }.message shouldBe
      "Directory.names() returns Iterator<String>, whose elements do not fit the face's Flow<Long>" +
      "\n    for method NamesOfLongs.names"
    shouldThrow<IllegalArgumentException> { thimble.suspending<CountAsText>() }.message shouldBe
      "Directory.count() returns int, which does not fit the face's String; to run it on the pool, declare it " +
      "suspend\n    for method CountAsText.count"
  }

  test("faceErrorsAreIllegalArgumentExceptionsThemselvesNotASubclass") {
    val thimble = Thimble.of(target, InlinePool())
    shouldThrow<IllegalArgumentException> { thimble.suspending<NamesOfLongs>() }.javaClass shouldBe
      IllegalArgumentException::class.java
    shouldThrow<IllegalArgumentException> { thimble.proxy(WrongParametersJava::class.java) }.javaClass shouldBe
      IllegalArgumentException::class.java
  }

  test("theCoreHasNoMemberNamedCallForAForgottenImportToResolveTo") {
    Thimble::class.java.declaredMethods.filter { it.name == "call" } shouldBe emptyList()
  }
})

@ThimbleFace(target = Directory::class)
interface NonNullDirectoryDeferred {
  fun find(id: Int): Deferred<String>
}
