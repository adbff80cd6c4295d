package dev.thimble.shrinktest;

import dev.thimble.ThimbleFace;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** The Java face: async methods, a pass-through, a declared checked exception and a default method. */
@ThimbleFace(target = Car.class)
public interface AsyncCar {
  CompletableFuture<String> driveTo(String place);

  CompletableFuture<String> stall();

  int wheels();

  String plate() throws IOException;

  default CompletableFuture<String> home() {
    return driveTo("home");
  }
}
