package dev.thimble.examples.docs;

// README:begin docs-admission
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class AdmissionExample {
  static String run() throws Exception {
    ThimblePool db = ThimblePool.builder("db").threads(0, 1).queueCapacity(1).build();
    Thimble<Worker> thimble = Thimble.of(new Worker(), db);
    AsyncWorker worker = thimble.proxy(AsyncWorker.class);

    BlockingQueue<String> release = new LinkedBlockingQueue<>();
    CompletableFuture<String> running = worker.take(release);     // takes the pool's only thread
    CompletableFuture<String> queued = worker.echo("queued");     // takes the queue's only place
    CompletableFuture<String> refused = worker.echo("one too many"); // never throws: returned failed
    CompletableFuture<String> waits = thimble.submitWhenRoom(w -> w.echo("waited for room")); // waits instead

    String refusal;
    try {
      refused.get();
      refusal = "not refused";
    } catch (ExecutionException e) {
      refusal = e.getCause().getMessage(); // pool db is full: 1 of 1 threads busy and 1 calls queued ...
    }
    boolean waited = !waits.isDone();
    release.add("released");
    return refusal + "\n" + running.get(10, TimeUnit.SECONDS) + ", " + queued.get(10, TimeUnit.SECONDS) + ", "
        + waits.get(10, TimeUnit.SECONDS) + " (it waited: " + waited + ")";
  }
}
// README:end
