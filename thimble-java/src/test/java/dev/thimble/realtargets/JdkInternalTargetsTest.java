package dev.thimble.realtargets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.thimble.Thimble;
import dev.thimble.ThimbleFace;
import dev.thimble.ThimblePool;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's own blocking objects, whose runtime classes are internal ({@code jdk.internal.net.http.HttpClientFacade},
 * {@code sun.nio.ch.FileChannelImpl}): called through the public types that declare their methods.
 */
class JdkInternalTargetsTest {
  private final ThimblePool pool = ThimblePool.builder("real-jdk").threads(0, 1).build();
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private final CountDownLatch slowArrived = new CountDownLatch(1);
  private ExecutorService handlers;
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    // Loopback only: nothing here listens beyond this machine.
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hello", exchange -> respond(exchange, "hello " + exchange.getRequestURI().getQuery()));
    server.createContext("/slow", exchange -> {
      slowArrived.countDown();
      try {
        releaseSlow.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, "late");
    });
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.start();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterEach
  void stop() {
    releaseSlow.countDown();
    server.stop(0);
    handlers.shutdownNow();
    pool.stopNow();
  }

  private URI uri(String path) {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path);
  }

  @ThimbleFace(target = HttpClient.class)
  // README:begin real-http-face
  public interface AsyncHttpClient {
    CompletableFuture<HttpResponse<String>> send(HttpRequest request, HttpResponse.BodyHandler<String> body);
  }
  // README:end real-http-face

  @Test
  void httpClientSendRunsOnThePoolThroughThePublicHttpClient() throws Exception {
    // README:begin real-http-use
    HttpClient client = HttpClient.newHttpClient(); // a jdk.internal.net.http.HttpClientFacade
    AsyncHttpClient http = Thimble.of(client, pool).proxy(AsyncHttpClient.class); // calls HttpClient.send
    // README:end real-http-use
    assertTrue(client.getClass().getName().startsWith("jdk.internal."), client.getClass().getName());

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/hello?world")).build(),
        HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertEquals("hello world", response.body());
  }

  @Test
  void cancellingABlockedHttpSendInterruptsItAndFreesTheThread() throws Exception {
    Started started = new Started();
    AsyncHttpClient http = Thimble.builder(HttpClient.newHttpClient()).pool(pool).listener(started).build()
        .proxy(AsyncHttpClient.class);

    CompletableFuture<HttpResponse<String>> blocked = http.send(HttpRequest.newBuilder(uri("/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    started.await();
    assertTrue(slowArrived.await(30, TimeUnit.SECONDS), "the request reached the server");
    assertTrue(blocked.cancel(true));

    // One pool thread: this send runs only because the blocked one was interrupted off it.
    assertEquals("hello again", http.send(HttpRequest.newBuilder(uri("/hello?again")).build(),
        HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS).body());
    assertThrows(CancellationException.class, blocked::join);
  }

  @ThimbleFace(target = FileChannel.class)
  public interface AsyncFileChannel {
    CompletableFuture<Integer> write(ByteBuffer source);

    CompletableFuture<Integer> read(ByteBuffer target, long position);

    CompletableFuture<Long> size();

    CompletableFuture<Void> force(boolean metaData);

    CompletableFuture<Void> close();
  }

  @Test
  void fileChannelReadsAndWritesOnThePoolThroughThePublicFileChannel(@TempDir Path dir) throws Exception {
    FileChannel channel = FileChannel.open(dir.resolve("data"), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    assertTrue(channel.getClass().getName().startsWith("sun.nio."), channel.getClass().getName());
    AsyncFileChannel file = Thimble.of(channel, pool).proxy(AsyncFileChannel.class);

    assertEquals(5, file.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS));
    file.force(true).get(30, TimeUnit.SECONDS);
    assertEquals(5L, file.size().get(30, TimeUnit.SECONDS));
    ByteBuffer read = ByteBuffer.allocate(3);
    assertEquals(3, file.read(read, 2).get(30, TimeUnit.SECONDS));
    assertEquals("llo", new String(read.array(), StandardCharsets.UTF_8));
    file.close().get(30, TimeUnit.SECONDS);
    assertTrue(!channel.isOpen());
  }
}
