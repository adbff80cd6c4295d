package dev.thimble.processor;

import dev.thimble.Thimble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;

/**
 * Compiles sources held in strings with the JDK's compiler, with or without the processor, as a user's build does:
 * {@code --release 8 -Xlint:all -Werror}, so that a warning in generated code fails the compilation.
 */
final class Javac {
  /** What one compilation gave. */
  static final class Result {
    final boolean success;
    final List<Diagnostic<? extends JavaFileObject>> diagnostics;
    final Path classes;
    final Path generated;
    /** The processor's messages as it gave them to the {@code Messager}: javac indents their later lines. */
    final List<String> printed;

    Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes, Path generated,
        List<String> printed) {
      this.success = success;
      this.printed = printed;
      this.diagnostics = diagnostics;
      this.classes = classes;
      this.generated = generated;
    }

    List<Diagnostic<? extends JavaFileObject>> of(Diagnostic.Kind kind) {
      return diagnostics.stream().filter(d -> d.getKind() == kind).collect(Collectors.toList());
    }

    List<String> messages(Diagnostic.Kind kind) {
      return of(kind).stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
    }

    /** The classes compiled, loaded by a loader of their own over the test's (which has thimble-java). */
    ClassLoader loader() {
      try {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * The classes compiled, loaded first from their folder, then from the test's loader: a class compiled here
     * (a stand-in of one the test's classpath has too) is the one used.
     */
    ClassLoader childFirstLoader() {
      try {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
              Class<?> c = findLoadedClass(name);
              if (c == null && Files.exists(classes.resolve(name.replace('.', '/') + ".class"))) {
                c = findClass(name);
              }
              if (c == null) {
                return super.loadClass(name, resolve);
              }
              if (resolve) {
                resolveClass(c);
              }
              return c;
            }
          }
        };
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The generated source files' paths, relative to the source output, sorted. */
    List<String> generatedFiles() {
      try (Stream<Path> files = Files.walk(generated)) {
        return files.filter(Files::isRegularFile).map(p -> generated.relativize(p).toString().replace('\\', '/'))
            .sorted().collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String generatedSource(String path) {
      try {
        return new String(Files.readAllBytes(generated.resolve(path)), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return diagnostics.stream().map(d -> d.getKind() + " " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
    }
  }

  private Javac() {}

  /**
   * Compiles {@code sources} (path → text) into {@code dir}: {@code dir/classes}, and {@code dir/generated} for the
   * processor's sources.
   */
  static Result compile(Path dir, boolean withProcessor, Map<String, String> sources, String... extraOptions) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try {
      Path classes = Files.createDirectories(dir.resolve("classes"));
      Path generated = Files.createDirectories(dir.resolve("generated"));
      List<JavaFileObject> units = new ArrayList<>();
      sources.forEach((path, text) -> units.add(new Source(path, text)));
      List<String> options = new ArrayList<>(Arrays.asList(
          // -options: JDK 21+ calls release 8 obsolete, a warning about the build, not the code.
          "--release", "8", "-Xlint:all", "-Xlint:-options", "-Werror",
          "-classpath", classpath(), "-d", classes.toString(), "-s", generated.toString()));
      if (!withProcessor) {
        options.add("-proc:none");
      }
      options.addAll(Arrays.asList(extraOptions));
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
          StandardCharsets.UTF_8)) {
        JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null, units);
        Recording processor = new Recording();
        if (withProcessor) {
          task.setProcessors(Collections.singletonList(processor));
        }
        boolean ok = task.call();
        return new Result(ok, new ArrayList<>(diagnostics.getDiagnostics()), classes, generated, processor.printed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * thimble-java's classes and JSpecify's, and for Kotlin-shaped faces the Kotlin stdlib, kotlinx-coroutines and
   * thimble-coroutines: what a face's compilation has on its classpath.
   */
  private static String classpath() {
    return String.join(java.io.File.pathSeparator, location(Thimble.class), location(Nullable.class),
        location(kotlin.Metadata.class), location(kotlinx.coroutines.Deferred.class),
        location(dev.thimble.coroutines.SuspendingFaces.class));
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 1-based line of the first line of {@code source} that contains {@code marker}. */
  static long lineOf(String source, String marker) {
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line with " + marker);
  }

  /** The processor, with a {@code Messager} that keeps what it is given. */
  private static final class Recording extends javax.annotation.processing.AbstractProcessor {
    final ThimbleFaceProcessor processor = new ThimbleFaceProcessor();
    final List<String> printed = new ArrayList<>();

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
      super.init(env);
      javax.annotation.processing.Messager messager = env.getMessager();
      javax.annotation.processing.Messager recording = new javax.annotation.processing.Messager() {
        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
          printed.add(kind + ": " + msg);
          messager.printMessage(kind, msg);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, javax.lang.model.element.Element e) {
          printed.add(kind + ": " + msg);
          messager.printMessage(kind, msg, e);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, javax.lang.model.element.Element e,
            javax.lang.model.element.AnnotationMirror a) {
          printed.add(kind + ": " + msg);
          messager.printMessage(kind, msg, e, a);
        }

        @Override
        public void printMessage(Diagnostic.Kind kind, CharSequence msg, javax.lang.model.element.Element e,
            javax.lang.model.element.AnnotationMirror a, javax.lang.model.element.AnnotationValue v) {
          printed.add(kind + ": " + msg);
          messager.printMessage(kind, msg, e, a, v);
        }
      };
      processor.init((javax.annotation.processing.ProcessingEnvironment) java.lang.reflect.Proxy.newProxyInstance(
          Javac.class.getClassLoader(), new Class<?>[] {javax.annotation.processing.ProcessingEnvironment.class},
          (proxy, method, args) -> {
            if (method.getName().equals("getMessager")) {
              return recording;
            }
            try {
              return method.invoke(env, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          }));
    }

    @Override
    public java.util.Set<String> getSupportedAnnotationTypes() {
      return processor.getSupportedAnnotationTypes();
    }

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return processor.getSupportedSourceVersion();
    }

    @Override
    public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
        javax.annotation.processing.RoundEnvironment round) {
      return processor.process(annotations, round);
    }
  }

  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String path, String text) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
