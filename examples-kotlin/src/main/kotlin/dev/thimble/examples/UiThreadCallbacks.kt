package dev.thimble.examples

// README:begin kotlin-ui-thread-imports
import dev.thimble.Hooks
import dev.thimble.Thimble
import dev.thimble.ThimblePool
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
// README:end

/**
 * UI-thread style callbacks: a single-thread "main" executor stands for an Android main thread or an event loop.
 * `completeOn` delivers results there; `Hooks.callbacksOn` delivers a blocking library's progress callbacks there.
 */
object UiThreadCallbacks {
  /** The listener type of a blocking SDK: called from whatever thread the SDK runs on. */
  fun interface ProgressListener {
    fun onProgress(percent: Int)
  }

  /** A blocking SDK that reports progress as it goes. */
  class Downloader {
    fun download(file: String, progress: ProgressListener): Int {
      log("downloading $file")
      for (percent in listOf(25, 50, 75, 100)) {
        Thread.sleep(5) // the real implementation blocks on the network
        progress.onProgress(percent)
      }
      return 1_024
    }
  }

  /** The face: `download` runs on the pool. */
  interface AsyncDownloader {
    fun download(file: String, progress: ProgressListener): CompletableFuture<Int>
  }

  private fun log(step: String) = println("[${Thread.currentThread().name}] $step")

  /** Runs the example, printing which thread each step runs on. */
  @JvmStatic
  fun run() {
    // README:begin kotlin-ui-thread
    val mainThread = Executors.newSingleThreadExecutor { Thread(it, "ui-main") } // Android: a main-thread Executor
    val downloader = Thimble.builder(Downloader())
      .pool(ThimblePool.builder("io").threads(0, 2).build())
      .completeOn(mainThread)                                      // results arrive on the main thread
      .hook("download", Hooks.callbacksOn(mainThread))             // so do the SDK's callbacks
      .build()
      .proxy(AsyncDownloader::class.java)

    val done = CountDownLatch(1)
    mainThread.execute {
      log("clicked: download report.pdf")
      downloader.download("report.pdf") { percent -> log("progress $percent%") }
        .thenAccept { bytes -> log("done: $bytes bytes"); done.countDown() }
    }
    done.await(10, TimeUnit.SECONDS)
    // README:end
    mainThread.shutdown()
    mainThread.awaitTermination(10, TimeUnit.SECONDS)
  }
}
