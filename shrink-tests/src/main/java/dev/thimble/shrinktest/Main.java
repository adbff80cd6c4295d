package dev.thimble.shrinktest;

import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small app that shrink tests run after R8 or ProGuard has shrunk and obfuscated it: each line it prints is one
 * thing a face does; it exits with 1 on the first thing that goes wrong.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Car car = new Car();
    ThimblePool pool = ThimblePool.builder("shrink").threads(1, 2).build();
    try (Thimble<Car> thimble = Thimble.builder(car).pool(pool)
        .hook("driveTo", (t, method, original) -> arguments -> "hooked " + original.invoke(arguments))
        .timeout("stall", 50, TimeUnit.MILLISECONDS)
        .build()) {
      AsyncCar face = thimble.proxy(AsyncCar.class);
      System.out.println("java face: " + KotlinApp.kind(face));
      System.out.println("driveTo: " + face.driveTo("work").get());
      System.out.println("home: " + face.home().get());
      System.out.println("wheels: " + face.wheels());
      try {
        System.out.println("plate: " + face.plate());
      } catch (IOException e) {
        System.out.println("plate: IOException " + e.getMessage());
      }
      try {
        System.out.println("stall: " + face.stall().get());
      } catch (ExecutionException e) {
        System.out.println("stall: " + (e.getCause() instanceof TimeoutException ? "timed out" : e.getCause()));
      } finally {
        car.release();
      }
      for (String line : KotlinApp.run(thimble.pool())) {
        System.out.println(line);
      }
    } catch (Throwable e) {
      e.printStackTrace(System.out);
      System.exit(1);
    }
    System.out.println("done");
  }
}
