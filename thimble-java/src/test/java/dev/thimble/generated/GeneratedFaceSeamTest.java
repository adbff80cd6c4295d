package dev.thimble.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.ThimbleListener;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core's side of faces generated at compile time, with a generated class written by hand. */
class GeneratedFaceSeamTest {
  @Test
  void proxyUsesTheGeneratedClassAndItsPolicies() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    List<Method> hooked = new ArrayList<>();
    try (Thimble<SeamCar.Car> thimble = Thimble.builder(new SeamCar.Car()).recordStats(true)
        .pool(new InlinePool("seam"))
        .hook("driveTo", (t, method, original) -> {
          hooked.add(method);
          return args -> "hooked " + original.invoke(args);
        })
        .listener(new ThimbleListener() {
          @Override
          public void succeeded(String call, long runNanos) {
            events.add("succeeded " + call);
          }
        })
        .build()) {
      SeamCar car = thimble.proxy(SeamCar.class);
      assertSame(SeamCar_Thimble.class, car.getClass());
      assertFalse(Proxy.isProxyClass(car.getClass()));
      assertTrue(car.driveTo("Berlin").get().startsWith("hooked driven to Berlin"));
      assertEquals(4, car.wheels());
      assertEquals(SeamCar.Car.class.getMethod("driveTo", String.class), hooked.get(0));
      assertEquals(Collections.singletonList("succeeded driveTo"), events);
      assertEquals("SeamCar proxy of " + thimble, car.toString());
      assertEquals(1, thimble.stats().succeeded());
    }
  }

  @Test
  void aTargetOfAnotherTypeGetsTheReflectiveProxy() {
    class OtherCar {
      public String driveTo(String location) {
        return location;
      }

      public int wheels() {
        return 3;
      }
    }
    try (Thimble<OtherCar> thimble = Thimble.builder(new OtherCar()).recordStats(true)
        .pool(new InlinePool("seam")).build()) {
      SeamCar car = thimble.proxy(SeamCar.class);
      assertTrue(Proxy.isProxyClass(car.getClass()));
      assertEquals(3, car.wheels());
    }
  }
}
