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
  // TODO(internal): `exports dev.thimble.internal;` once the adapter plumbing package (issue 12 §2) lands; it is
  // exported for thimble-coroutines and documented as carrying no compatibility promise.
}
