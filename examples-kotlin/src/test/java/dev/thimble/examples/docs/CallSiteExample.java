package dev.thimble.examples.docs;

// README:begin docs-call-site
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

final class CallSiteExample {
  static String run() throws Exception {
    Thimble<Worker> thimble = Thimble.builder(new Worker())
        .pool(ThimblePool.builder("work").threads(0, 2).build())
        .captureCallSite(true) // one stack trace per call: where it was made
        .build();
    IOException error = new IOException("disk full");
    try {
      thimble.proxy(AsyncWorker.class).fail(error).get(10, TimeUnit.SECONDS);
      return "no failure";
    } catch (ExecutionException e) {
      Throwable failure = e.getCause(); // the target's very exception, checked or not...
      Throwable callSite = failure.getSuppressed()[0]; // ...with where the call was made attached
      return (failure == error) + ": " + failure.getMessage() + ", " + callSite.getMessage();
    }
  }
}
// README:end
