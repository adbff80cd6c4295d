package dev.thimble.examples.docs;

// README:begin docs-async-worker
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/** Worker's face: every method runs on the pool. */
public interface AsyncWorker {
  CompletableFuture<String> echo(String text);

  CompletableFuture<String> take(BlockingQueue<String> queue);

  CompletableFuture<String> fail(Exception error);
}
// README:end
