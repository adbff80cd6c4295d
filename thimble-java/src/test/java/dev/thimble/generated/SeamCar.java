package dev.thimble.generated;

import dev.thimble.ThimbleFace;
import java.util.concurrent.CompletableFuture;

/** A face whose generated class ({@link SeamCar_Thimble}) is written by hand here, as thimble-processor writes it. */
@ThimbleFace(target = SeamCar.Car.class)
public interface SeamCar {
  CompletableFuture<String> driveTo(String location);

  int wheels();

  /** The target. */
  class Car {
    public String driveTo(String location) {
      return "driven to " + location + " on " + Thread.currentThread().getName();
    }

    public int wheels() {
      return 4;
    }
  }
}
