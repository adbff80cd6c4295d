import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Checks a staged release (`mvn -B deploy -Pstage`, docs/releasing.md) against what Maven Central requires: every
 * artifact in its groupId/artifactId/version folder, each with .md5 and .sha1 checksums that match, jars with their
 * sources and javadoc jars, LICENSE in every jar, and POMs that are complete (name, description, url, licenses,
 * developers, scm) and free of build-only elements. Run as `java .ci/CheckStaging.java target/staging`; exits 1 with
 * one line per problem.
 */
public final class CheckStaging {
  static final String GROUP = "dev/thimble";
  static final List<String> LIBRARIES = List.of("thimble-java", "thimble-processor", "thimble-coroutines");
  /** The libraries that are named JPMS modules (multi-release jars); the processor runs inside javac, on its path. */
  static final List<String> MODULES = List.of("thimble-java", "thimble-coroutines");
  static final String BOM = "thimble-bom";
  static final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : "target/staging");
    String version = null;
    for (String artifact : concat(LIBRARIES, BOM)) {
      Path dir = repo.resolve(GROUP).resolve(artifact);
      if (!Files.isDirectory(dir)) {
        problems.add(artifact + ": not staged (no " + dir + ")");
        continue;
      }
      List<Path> versions;
      try (var list = Files.list(dir)) {
        versions = list.filter(Files::isDirectory).toList();
      }
      if (versions.size() != 1) {
        problems.add(artifact + ": expected one version folder, found " + versions);
        continue;
      }
      String v = versions.get(0).getFileName().toString();
      if (version == null) {
        version = v;
      } else if (!version.equals(v)) {
        problems.add(artifact + ": version " + v + ", the others are " + version);
      }
      if (v.endsWith("-SNAPSHOT")) {
        problems.add(artifact + ": " + v + " is a snapshot, which Maven Central does not take");
      }
      checked(dir.resolve("maven-metadata.xml"));
      Path base = versions.get(0).resolve(artifact + "-" + v);
      Document pom = pom(Path.of(base + ".pom"), artifact, v);
      if (artifact.equals(BOM)) {
        if (pom != null) {
          for (String library : LIBRARIES) {
            String managed = text(pom, "/project/dependencyManagement/dependencies/dependency[artifactId='" + library
                + "']/version");
            if (!managed.equals(v) && !managed.equals("${project.version}")) {
              problems.add(BOM + ": does not pin " + library + " to " + v + " (found '" + managed + "')");
            }
          }
        }
        continue;
      }
      jar(Path.of(base + ".jar"), MODULES.contains(artifact));
      jar(Path.of(base + "-sources.jar"), false);
      jar(Path.of(base + "-javadoc.jar"), false);
    }
    if (problems.isEmpty()) {
      System.out.println("staged release " + version + " in " + repo + ": complete (" + (LIBRARIES.size() + 1)
          + " artifacts, jars, sources, javadoc, POMs, checksums)");
    } else {
      problems.forEach(p -> System.out.println("staging: " + p));
      System.exit(1);
    }
  }

  /** The file exists and its .md5 and .sha1 files hold its digests. */
  static boolean checked(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      problems.add("missing " + file);
      return false;
    }
    byte[] bytes = Files.readAllBytes(file);
    for (String[] algorithm : new String[][] {{"MD5", ".md5"}, {"SHA-1", ".sha1"}}) {
      Path sum = Path.of(file + algorithm[1]);
      if (!Files.isRegularFile(sum)) {
        problems.add("missing " + sum);
        continue;
      }
      try {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm[0]).digest(bytes));
        if (!Files.readString(sum).trim().startsWith(expected)) {
          problems.add(sum + " does not match " + file.getFileName());
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return true;
  }

  static Document pom(Path file, String artifact, String version) throws Exception {
    if (!checked(file)) {
      return null;
    }
    Document pom;
    try (InputStream in = Files.newInputStream(file)) {
      pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    String[][] required = {
      {"/project/groupId", "dev.thimble"}, {"/project/artifactId", artifact}, {"/project/version", version},
      {"/project/name", null}, {"/project/description", null}, {"/project/url", null},
      {"/project/licenses/license/name", null}, {"/project/licenses/license/url", null},
      {"/project/developers/developer/name", null},
      {"/project/scm/url", null}, {"/project/scm/connection", null}, {"/project/scm/developerConnection", null},
    };
    for (String[] element : required) {
      String value = text(pom, element[0]);
      if (value.isBlank()) {
        problems.add(file.getFileName() + ": no " + element[0].substring("/project/".length()));
      } else if (element[1] != null && !element[1].equals(value)) {
        problems.add(file.getFileName() + ": " + element[0] + " is '" + value + "', expected '" + element[1] + "'");
      }
    }
    // A consumer POM stands alone: no parent to fetch, nothing of the build, no unresolved properties.
    for (String forbidden : List.of("parent", "build", "modules", "repositories", "profiles")) {
      if (((NodeList) xpath(pom, "/project/" + forbidden, XPathConstants.NODESET)).getLength() > 0) {
        problems.add(file.getFileName() + ": has <" + forbidden + ">, build-only noise for a consumer");
      }
    }
    String dependencies = Files.readString(file);
    if (!artifact.equals(BOM) && dependencies.contains("${")) {
      problems.add(file.getFileName() + ": has an unresolved ${...} property");
    }
    return pom;
  }

  static void jar(Path file, boolean modular) throws IOException {
    if (!checked(file)) {
      return;
    }
    try (JarFile jar = new JarFile(file.toFile())) {
      if (jar.getEntry("META-INF/LICENSE") == null) {
        problems.add(file.getFileName() + ": no META-INF/LICENSE");
      }
      if (modular) {
        if (!"true".equals(jar.getManifest().getMainAttributes().getValue("Multi-Release"))) {
          problems.add(file.getFileName() + ": not a multi-release jar (Multi-Release: true)");
        }
        if (jar.getEntry("META-INF/versions/9/module-info.class") == null) {
          problems.add(file.getFileName() + ": no META-INF/versions/9/module-info.class");
        }
      } else if (jar.size() < 3) {
        problems.add(file.getFileName() + ": empty");
      }
    }
  }

  static String text(Document pom, String path) throws Exception {
    return ((String) xpath(pom, path, XPathConstants.STRING)).trim();
  }

  static Object xpath(Document pom, String path, javax.xml.namespace.QName type) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(path, pom, type);
  }

  static List<String> concat(List<String> list, String last) {
    List<String> all = new ArrayList<>(list);
    all.add(last);
    return all;
  }
}
