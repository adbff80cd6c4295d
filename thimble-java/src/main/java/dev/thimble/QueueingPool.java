package dev.thimble;

/**
 * What the machinery may ask of a pool that queues calls for its own threads ({@link WorkerPool}) beyond {@link
 * ThimblePool}: a cancelled call can be taken back out of its queue, and a lane may run its next call on the thread
 * that has just finished the last one. Other pools (borrowed executors, virtual threads, custom pools) do without.
 */
interface QueueingPool {
  /**
   * Removes a queued task that was cancelled, so that it frees its place at once.
   *
   * @return whether it was queued
   */
  boolean remove(Runnable task);

  /**
   * Whether the calling pool thread, done with a lane's call, may run the lane's next call itself; readies the thread
   * as for a task it took.
   */
  boolean readyToRunInline();
}
