package dev.thimble;

import java.util.concurrent.TimeUnit;

/**
 * A program that makes calls on a fresh pool its thimble owns and returns from {@code main} without stopping
 * anything: run in a child JVM by {@link JvmShutdownOwnerTest}.
 *
 * <p>The pool has one thread; the first call holds it until the main thread has ended, so the second call is still
 * queued when the JVM starts to exit. It prints only if {@link ShutdownOwner#jvm()} lets queued calls finish.
 */
public final class ForgottenPoolProgram {
  private ForgottenPoolProgram() {}

  public static class Car {
    public String driveTo(String location) {
      return "driven to " + location;
    }
  }

  public static void main(String[] args) {
    Thread main = Thread.currentThread();
    Thimble<Car> thimble = Thimble.builder(new Car())
        .pool(ThimblePool.builder("forgotten").threads(0, 1).keepAlive(1, TimeUnit.HOURS).build())
        .build();
    thimble.submit(car -> {
      main.join(); // returns once main() has returned and the JVM is on its way out
      return car.driveTo("work");
    }).thenAccept(result -> System.out.println("running call: " + result));
    thimble.submit(car -> car.driveTo("home"))
        .thenAccept(result -> System.out.println("queued call: " + result));
    System.out.println("main returns");
  }
}
