package dev.thimble;

import dev.thimble.hidden.HiddenTargets;
import dev.thimble.generated.SeamCar;
import dev.thimble.testing.InlinePool;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The test faces annotated {@link ThimbleFace}, which the module {@code processor-tests} compiles again with
 * {@code thimble-processor}: there each has a generated class, and the suites that use them run against it; here
 * (no processor) each is a reflective proxy. {@link ReflectiveFacesTest} checks this side, processor-tests'
 * {@code GeneratedFacesTest} the other.
 */
public final class AnnotatedFaces {
  private AnnotatedFaces() {}

  /** One annotated face, with a target to make it over where one is cheap to make. */
  public static final class Face {
    public final Class<?> type;
    public final Supplier<?> target;

    Face(Class<?> type, Supplier<?> target) {
      this.type = type;
      this.target = target;
    }
  }

  public static List<Face> all() {
    List<Face> all = new ArrayList<>();
    for (Class<?> face : new Class<?>[] {ProxyFaceTest.AsyncCar.class, ProxyFaceTest.WhoCallsLater.class,
        ProxyFaceTest.WhoCallsNow.class, ProxyFaceTest.AllFutureKinds.class, ProxyFaceTest.VoidPassThrough.class,
        ProxyFaceTest.Overloads.class, ProxyFaceTest.Varargs.class, ProxyFaceTest.Radio.class,
        ProxyFaceTest.RadioStage.class, ProxyFaceTest.Defaults.class, ProxyFaceTest.PackagePrivateFace.class,
        ProxyFaceTest.DeclaresObjectMethods.class, ProxyFaceTest.Driving.class}) {
      all.add(new Face(face, ProxyFaceTest.Car::new));
    }
    all.add(new Face(ProxyFaceTest.Boxes.class, ProxyFaceTest.BoxesCar::new));
    all.add(new Face(ProxyFaceTest.Alarming.class, ProxyFaceTest.FancyCar::new));
    all.add(new Face(ProxyFaceTest.AsyncGreeter.class, HiddenTargets::greeter));
    all.add(new Face(PolicyFixtures.AsyncWorker.class, PolicyFixtures.Worker::new));
    all.add(new Face(HooksTest.AsyncAdder.class, HooksTest.Adder::new));
    all.add(new Face(HooksTest.SyncAdder.class, HooksTest.Adder::new));
    all.add(new Face(HooksTest.AsyncFancyCar.class, HooksTest.FancyCar::new));
    all.add(new Face(SeedTest.AsyncExample.class, SeedTest.Example::new));
    all.add(new Face(realTarget("QueueAndMapTargetsTest$AsyncQueue"), LinkedBlockingQueue<String>::new));
    all.add(new Face(realTarget("QueueAndMapTargetsTest$AsyncMap"), ConcurrentHashMap<String, String>::new));
    all.add(new Face(SeamCar.class, SeamCar.Car::new));
    for (String face : new String[] {"JdkInternalTargetsTest$AsyncHttpClient",
        "JdkInternalTargetsTest$AsyncFileChannel", "JdbcTargetsTest$AsyncDataSource", "JdbcTargetsTest$AsyncConnection", "JdbcTargetsTest$AsyncStatement",
        "JdbcTargetsTest$AsyncUsers", "JdbcTargetsTest$AsyncNotes"}) {
      all.add(new Face(realTarget(face), null)); // their targets need a server, a file or a database: see the suites
    }
    return all;
  }

  /** A face of the realtargets suites, whose classes are not public. */
  private static Class<?> realTarget(String name) {
    try {
      return Class.forName("dev.thimble.realtargets." + name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The face's generated class, or {@code null} if the processor did not run. */
  public static Class<?> generatedClass(Class<?> face) {
    try {
      return Class.forName(GeneratedFaces.generatedName(face), false, face.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** The face {@code proxy} makes over the entry's target. */
  public static Object make(Face face) {
    return Thimble.of(face.target.get(), new InlinePool("annotated")).proxy(face.type);
  }

  public static boolean isReflective(Object face) {
    return Proxy.isProxyClass(face.getClass());
  }
}
