package dev.thimble.hidden;

/**
 * Targets whose classes are not public, in a package other than the core's, so that the core can reach their
 * methods only through the public interface they implement.
 */
public final class HiddenTargets {
  private HiddenTargets() {}

  /** A public interface that a hidden class implements. */
  public interface Greeter {
    String greet(String name);

    int greetings();
  }

  /** A face that is not public, with a default method: as a user declares one in a package of their own. */
  interface HiddenFace {
    java.util.concurrent.CompletableFuture<String> greet(String name);

    default String greetWorld() {
      return greet("world").join();
    }
  }

  /**
   * Calls a default method of a package-private face from this package.
   *
   * @param thimble a thimble over a greeter
   * @return what the default method returned
   */
  public static String greetWorld(dev.thimble.Thimble<? extends Greeter> thimble) {
    return thimble.proxy(HiddenFace.class).greetWorld();
  }

  /** @return a greeter whose class is private */
  public static Greeter greeter() {
    return new PrivateGreeter();
  }

  private static final class PrivateGreeter implements Greeter {
    private int greetings;

    @Override
    public synchronized String greet(String name) {
      greetings++;
      return "hello, " + name;
    }

    @Override
    public synchronized int greetings() {
      return greetings;
    }
  }
}
