/**
 * Thimble's core: {@code CompletableFuture} faces over blocking objects, run on an owned thread pool.
 *
 * <p>Compiled for Java 9 into {@code META-INF/versions/9} of a multi-release jar, so that the classes stay Java 8
 * bytecode for Java 8 and Android users while Java 9+ users get a named module.
 */
module dev.thimble {
  // Annotations only: not needed at run time, and a user need not put JSpecify on the module path.
  requires static org.jspecify;

  exports dev.thimble;
  exports dev.thimble.testing;
  // For thimble-coroutines (and other adapters); its package documentation says it carries no compatibility promise.
  exports dev.thimble.internal;
}
