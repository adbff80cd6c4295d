package dev.thimble.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.thimble.Thimble;
import dev.thimble.ThimbleFace;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** docs/processor.md's face, compiled here with thimble-processor: proxy(...) makes its generated class. */
class ProcessorExampleTest {
  /** The blocking class. */
  public static class Car {
    public String driveTo(String location) {
      return "driven to " + location;
    }

    public int wheels() {
      return 4;
    }
  }

  // README:begin processor-face
  @ThimbleFace(target = Car.class)
  public interface AsyncCar {
    CompletableFuture<String> driveTo(String location);

    int wheels();
  }
  // README:end

  @Test
  void theFaceIsTheGeneratedClass() throws Exception {
    try (Thimble<Car> thimble = Thimble.of(new Car(), new InlinePool("cars"))) {
      // README:begin processor-use
      AsyncCar car = thimble.proxy(AsyncCar.class); // ProcessorExampleTest_AsyncCar_Thimble, made without reflection
      // README:end
      assertEquals("ProcessorExampleTest_AsyncCar_Thimble", car.getClass().getSimpleName());
      assertFalse(Proxy.isProxyClass(car.getClass()));
      assertEquals("driven to work", car.driveTo("work").get());
      assertEquals(4, car.wheels());
    }
  }
}
