package dev.thimble.examples.docs;

// README:begin docs-worker
import java.util.concurrent.BlockingQueue;

/** A plain blocking class: nothing about it knows of thimble. */
public class Worker {
  public String echo(String text) {
    return text;
  }

  public String take(BlockingQueue<String> queue) throws InterruptedException {
    return queue.take(); // blocks until something arrives, or the thread is interrupted
  }

  public String fail(Exception error) throws Exception {
    throw error;
  }
}
// README:end
