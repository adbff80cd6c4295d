package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Without {@code thimble-processor} (this module's own build), the annotated test faces have no generated class
 * (but {@code SeamCar}'s, written by hand) and {@code proxy} makes reflective proxies of them: the suites here test
 * the reflective path. The module {@code processor-tests} runs them again on generated faces, and does not run this.
 */
class ReflectiveFacesTest {
  @Test
  void annotatedFacesAreReflectiveProxiesHere() {
    int made = 0;
    for (AnnotatedFaces.Face face : AnnotatedFaces.all()) {
      assertTrue(face.type.isAnnotationPresent(ThimbleFace.class), face.type.getName());
      if (face.type == dev.thimble.generated.SeamCar.class) {
        continue; // its class is written by hand (GeneratedFaceSeamTest)
      }
      assertNull(AnnotatedFaces.generatedClass(face.type), face.type.getName());
      if (face.target != null) {
        assertTrue(AnnotatedFaces.isReflective(AnnotatedFaces.make(face)), face.type.getName());
        made++;
      }
    }
    assertEquals(23, made);
  }
}
