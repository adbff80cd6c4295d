package dev.thimble;

/** Rethrows any throwable as itself, checked or not: the target's exception must arrive unchanged. */
final class Sneaky {
  private Sneaky() {}

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }
}
