package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.testing.InlinePool;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The marker the shrinker rules (and, later, a code generator) key on, and the rules the jar ships. */
class ThimbleFaceTest {
  public static class Car {
    public String driveTo(String place) {
      return "drove to " + place;
    }
  }

  @ThimbleFace(target = Car.class)
  interface AsyncCar {
    CompletableFuture<String> driveTo(String place);
  }

  @Test
  void annotationNamesTheTargetAtRunTime() {
    ThimbleFace face = AsyncCar.class.getAnnotation(ThimbleFace.class);
    assertNotNull(face, "not kept at run time");
    assertEquals(Car.class, face.target());
    assertEquals(ElementType.TYPE, ThimbleFace.class.getAnnotation(Target.class).value()[0]);
  }

  @Test
  void annotatedFaceWorksAsAnyFace() throws Exception {
    try (Thimble<Car> thimble = Thimble.of(new Car(), new InlinePool())) {
      assertEquals("drove to work", thimble.proxy(AsyncCar.class).driveTo("work").get());
    }
  }

  @Test
  void jarShipsRulesForEveryShrinkerThatDifferOnlyInTheMethodNameBackReference() throws IOException {
    String proguard = resource("META-INF/proguard/thimble-java.pro");
    String r8 = resource("META-INF/com.android.tools/r8/thimble-java.pro");
    assertEquals(proguard, resource("META-INF/com.android.tools/proguard/thimble-java.pro"));
    assertTrue(proguard.contains("-keep @dev.thimble.ThimbleFace interface * { *; }"), proguard);
    assertTrue(proguard.contains("-keepclassmembers class * { public *** <2>(...); }"), proguard);
    assertTrue(r8.contains("-keepclassmembers class * { public *** <3>(...); }"), r8);
    assertTrue(proguard.contains("-keep class * extends dev.thimble.internal.GeneratedFace"
        + " { public <init>(dev.thimble.internal.FaceBinder); }"), proguard);
    assertEquals(rules(proguard).replace("<2>(", "<3>("), rules(r8));
  }

  /** The rules without their comments. */
  private static String rules(String file) {
    return file.replaceAll("(?m)^#.*\\n", "");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ThimbleFaceTest.class.getClassLoader().getResourceAsStream(name)) {
      assertNotNull(in, name + " missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
