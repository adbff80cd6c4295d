package dev.thimble.realtargets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thimble.Thimble;
import dev.thimble.ThimbleFace;
import dev.thimble.ThimblePool;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK's generic collections, raw at run time, behind faces of their element types. */
class QueueAndMapTargetsTest {
  private final ThimblePool pool = ThimblePool.builder("real-queue").threads(0, 1).build();

  @AfterEach
  void stopPool() {
    pool.stopNow();
  }

  @ThimbleFace(target = LinkedBlockingQueue.class)
  // README:begin real-queue-face
  public interface AsyncQueue {
    CompletableFuture<Void> put(String item);

    CompletableFuture<String> take();

    CompletableFuture<String> poll(long timeout, TimeUnit unit);

    boolean offer(String item);

    int size();
  }
  // README:end real-queue-face

  @Test
  void aLinkedBlockingQueueOfStringsPutsAndTakes() throws Exception {
    // README:begin real-queue-use
    AsyncQueue queue = Thimble.of(new LinkedBlockingQueue<String>(), pool).proxy(AsyncQueue.class);
    queue.put("first").get(30, TimeUnit.SECONDS);
    assertTrue(queue.offer("second"));
    assertEquals("first", queue.take().get(30, TimeUnit.SECONDS));
    // README:end real-queue-use
    assertEquals(1, queue.size());
    assertEquals("second", queue.poll(1, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS));
  }

  @Test
  void cancellingATakeBlockedOnAnEmptyQueueInterruptsItAndFreesTheThread() throws Exception {
    Started started = new Started();
    LinkedBlockingQueue<String> target = new LinkedBlockingQueue<>();
    AsyncQueue queue = Thimble.builder(target).pool(pool).listener(started).build().proxy(AsyncQueue.class);

    CompletableFuture<String> blocked = queue.take();
    started.await();
    assertTrue(blocked.cancel(true));

    // The pool has one thread: this put and take run only because the blocked take was interrupted off it, and
    // the item reaches the second take, not the cancelled one.
    queue.put("after").get(30, TimeUnit.SECONDS);
    assertEquals("after", queue.take().get(30, TimeUnit.SECONDS));
    assertThrows(CancellationException.class, blocked::join);
  }

  @ThimbleFace(target = ConcurrentHashMap.class)
  public interface AsyncMap {
    CompletableFuture<String> put(String key, String value);

    CompletableFuture<String> get(Object key);

    CompletableFuture<String> putIfAbsent(String key, String value);

    CompletableFuture<String> computeIfAbsent(String key, Function<String, String> make);

    CompletableFuture<Boolean> remove(Object key, Object value);

    int size();
  }

  @Test
  void aConcurrentHashMapOfStringsMatchesItsKeyAndValueTypes() throws Exception {
    AsyncMap map = Thimble.of(new ConcurrentHashMap<String, String>(), pool).proxy(AsyncMap.class);

    assertNull(map.put("k", "v").get(30, TimeUnit.SECONDS));
    assertEquals("v", map.get("k").get(30, TimeUnit.SECONDS));
    assertEquals("v", map.putIfAbsent("k", "w").get(30, TimeUnit.SECONDS));
    assertEquals("K2", map.computeIfAbsent("k2", String::toUpperCase).get(30, TimeUnit.SECONDS));
    assertTrue(map.remove("k", "v").get(30, TimeUnit.SECONDS));
    assertEquals(1, map.size());
  }
}
