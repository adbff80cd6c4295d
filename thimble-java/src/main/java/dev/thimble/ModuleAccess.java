package dev.thimble;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What the Java module system lets thimble reach: a public type's public methods only where the type's module
 * exports its package to thimble's module (thimble's own name, {@code dev.thimble}, or the unnamed module when
 * thimble is on the class path).
 *
 * <p>{@code java.lang.Module} is Java 9 and the core compiles to Java 8 for Android, so it is reached by
 * reflection, looked up once; on Java 8 and Android there are no modules and every public type is reachable.
 */
final class ModuleAccess {
  private ModuleAccess() {}

  private static final @Nullable Method GET_MODULE;
  private static final @Nullable Method IS_EXPORTED;
  private static final @Nullable Method IS_OPEN;
  private static final @Nullable Method IS_NAMED;
  private static final @Nullable Method GET_NAME;
  private static final @Nullable Object THIMBLE;

  static {
    Method getModule = null;
    Method isExported = null;
    Method isOpen = null;
    Method isNamed = null;
    Method getName = null;
    Object thimble = null;
    try {
      getModule = Class.class.getMethod("getModule");
      Class<?> module = getModule.getReturnType();
      isExported = module.getMethod("isExported", String.class, module);
      isOpen = module.getMethod("isOpen", String.class, module);
      isNamed = module.getMethod("isNamed");
      getName = module.getMethod("getName");
      thimble = getModule.invoke(ModuleAccess.class);
    } catch (ReflectiveOperationException | RuntimeException noModules) {
      getModule = null; // Java 8, Android
    }
    GET_MODULE = getModule;
    IS_EXPORTED = isExported;
    IS_OPEN = isOpen;
    IS_NAMED = isNamed;
    GET_NAME = getName;
    THIMBLE = thimble;
  }

  /** Whether thimble can call {@code type}'s public methods: it is public and its package exported to thimble. */
  static boolean canReach(Class<?> type) {
    return Modifier.isPublic(type.getModifiers()) && isExported(type);
  }

  private static boolean isExported(Class<?> type) {
    return ask(IS_EXPORTED, type);
  }

  private static boolean isOpen(Class<?> type) {
    return ask(IS_OPEN, type);
  }

  private static boolean ask(@Nullable Method question, Class<?> type) {
    if (GET_MODULE == null || question == null || type.isPrimitive() || type.isArray()) {
      return true;
    }
    try {
      Object module = GET_MODULE.invoke(type);
      return (Boolean) question.invoke(module, packageName(type), THIMBLE);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true; // cannot tell: let the call be tried, as before modules
    }
  }

  /** The name of {@code type}'s module, or {@code null} for the unnamed module (and on Java 8). */
  static @Nullable String moduleName(Class<?> type) {
    return GET_MODULE == null ? null : nameOf(invokeQuietly(GET_MODULE, type));
  }

  /** Thimble's module name ({@code dev.thimble}), or {@code null} when thimble is on the class path. */
  static @Nullable String thimbleModuleName() {
    return nameOf(THIMBLE);
  }

  private static @Nullable String nameOf(@Nullable Object module) {
    if (module == null || IS_NAMED == null || GET_NAME == null
        || !Boolean.TRUE.equals(invokeQuietly(IS_NAMED, module))) {
      return null;
    }
    Object name = invokeQuietly(GET_NAME, module);
    return name instanceof String ? (String) name : null;
  }

  private static @Nullable Object invokeQuietly(Method method, Object on) {
    try {
      return method.invoke(on);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  static String packageName(Class<?> type) {
    String name = type.getName();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /**
   * Why thimble cannot call a method {@code declaring} declares and what to add to its module, or {@code null} where
   * no module stands in the way.
   */
  static @Nullable String advice(Class<?> declaring) {
    String module = blockingModule(declaring);
    return module == null ? null
        : advice(module, packageName(declaring), Modifier.isPublic(declaring.getModifiers()), thimbleModuleName());
  }

  /**
   * As {@link #advice(Class)}, for a face's interface, which thimble needs to reach to run its default methods:
   * "public, but module ... does not export ...; add `exports ...;` ...", or {@code null}.
   */
  static @Nullable String faceAdvice(Class<?> face) {
    String module = blockingModule(face);
    if (module == null) {
      return null;
    }
    boolean isPublic = Modifier.isPublic(face.getModifiers());
    String pkg = packageName(face);
    String thimble = thimbleModuleName();
    return reason(module, pkg, isPublic, thimble) + "; " + fix(module, pkg, isPublic, thimble);
  }

  /** The module that keeps {@code type} from thimble, or {@code null}. */
  private static @Nullable String blockingModule(Class<?> type) {
    String module = moduleName(type);
    if (module == null) {
      return null;
    }
    return (Modifier.isPublic(type.getModifiers()) ? isExported(type) : isOpen(type)) ? null : module;
  }

  /**
   * The advice for a class of {@code pkg} in {@code module}: {@code exports} for a public class, {@code opens} for
   * one that is not (only deep reflection reaches it); to {@code dev.thimble} where thimble is a named module, to
   * everyone where it is on the class path (a module cannot name the unnamed module).
   */
  static String advice(String module, String pkg, boolean isPublic, @Nullable String thimbleModule) {
    return "which is " + reason(module, pkg, isPublic, thimbleModule)
        + ", and no public supertype it exports declares the method; " + fix(module, pkg, isPublic, thimbleModule);
  }

  private static String reason(String module, String pkg, boolean isPublic, @Nullable String thimbleModule) {
    return (isPublic ? "public, but module " : "not public, and module ") + module + " does not "
        + (isPublic ? "export " : "open ") + pkg + " to "
        + (thimbleModule != null ? thimbleModule : "the unnamed module that thimble is in (on the class path)");
  }

  private static String fix(String module, String pkg, boolean isPublic, @Nullable String thimbleModule) {
    String directive = isPublic ? "exports" : "opens";
    if (thimbleModule != null) {
      return "add `" + directive + " " + pkg + " to " + thimbleModule + ";` to the module-info.java of " + module;
    }
    return "add `" + directive + " " + pkg + ";` to the module-info.java of " + module + " (or run with --add-"
        + directive + " " + module + "/" + pkg + "=ALL-UNNAMED)";
  }
}
