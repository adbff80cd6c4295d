/**
 * Thimble's Kotlin adapter: suspend functions, {@code Deferred}, {@code Flow} and a {@code CoroutineDispatcher}
 * over a thimble's pool.
 *
 * <p>Compiled for Java 9 into {@code META-INF/versions/9} of a multi-release jar; the classes stay Java 8 bytecode.
 */
module dev.thimble.coroutines {
  // Transitive: the adapter's API speaks in Thimble, CoroutineScope, Flow and Kotlin's types.
  requires transitive dev.thimble;
  requires transitive kotlin.stdlib;
  requires transitive kotlinx.coroutines.core;

  exports dev.thimble.coroutines;
  // For the faces thimble-processor generates (GeneratedMembers), in the user's module; no compatibility promise.
  exports dev.thimble.coroutines.internal;
}
