package dev.thimble;

/**
 * A pool that can tell its own threads from others ({@link WorkerPool}, {@link VirtualThreadPool}): {@link
 * PoolOwnership} asks it so that {@code Thimble.close()} called from one of the pool's threads does not wait for that
 * very thread to end.
 */
interface ThreadOwningPool {
  /** @return whether {@code thread} is one of this pool's threads */
  boolean isPoolThread(Thread thread);
}
