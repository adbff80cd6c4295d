package dev.thimble.internal;

import org.jspecify.annotations.Nullable;

/** What a call of one face member does, decided when the face is made: the proxy only runs it. */
@FunctionalInterface
public interface MemberCall {
  /**
   * Runs the member.
   *
   * @param proxy the proxy whose member was called
   * @param args the call's arguments, as the proxy received them ({@code null} for none)
   * @return what the member returns
   * @throws Throwable what the member throws, as itself
   */
  @Nullable Object invoke(Object proxy, @Nullable Object @Nullable [] args) throws Throwable;
}
