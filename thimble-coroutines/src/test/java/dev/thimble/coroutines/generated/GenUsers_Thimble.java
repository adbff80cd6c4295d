package dev.thimble.coroutines.generated;

import dev.thimble.Thimble;
import dev.thimble.coroutines.internal.GeneratedMembers;
import dev.thimble.internal.BoundMethod;
import dev.thimble.internal.FaceBinder;
import dev.thimble.internal.GeneratedFace;
import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlinx.coroutines.Deferred;
import kotlinx.coroutines.flow.Flow;

/**
 * What thimble-processor generates for {@link GenUsers}, written by hand: the Kotlin adapter's entry points for
 * generated code ({@link GeneratedMembers}) are tested with the very calls generated Java makes, messages computed
 * at compile time included.
 */
public final class GenUsers_Thimble extends GeneratedFace implements GenUsers {
  private final Thimble<?> thimble;
  private final BoundMethod get;
  private final BoundMethod load;
  private final BoundMethod names;
  private final BoundMethod stream;
  private final BoundMethod park;
  private final BoundMethod read;

  public GenUsers_Thimble(FaceBinder binder) {
    super(binder);
    thimble = binder.thimble();
    Users target = binder.target(Users.class);
    get = binder.bind("GenUsers", "get", new Class<?>[] {long.class}, args -> target.get((Long) args[0]));
    load = binder.bind("GenUsers", "load", new Class<?>[] {long.class}, args -> target.load((Long) args[0]));
    names = binder.bind("GenUsers", "names", new Class<?>[] {boolean.class},
        args -> target.names((Boolean) args[0]));
    stream = binder.bind("GenUsers", "stream", new Class<?>[0], args -> target.stream());
    park = binder.bind("GenUsers", "park", new Class<?>[0], args -> {
      target.park();
      return null;
    });
    read = binder.bind("GenUsers", "read", new Class<?>[0], args -> target.read());
  }

  @Override
  public Object get(long id, Continuation<? super String> $completion) {
    return GeneratedMembers.suspendCall(get, new Object[] {id}, false,
        "Users.get(long) returned null, which the face's String does not admit; declare it as String? to let null"
            + " through\n    for method GenUsers.get",
        $completion);
  }

  @Override
  public Deferred<String> load(long id) {
    return GeneratedMembers.deferredCall(thimble, load, new Object[] {id}, false,
        "Users.load(long) returned null, which the face's Deferred<String> does not admit; declare it as"
            + " Deferred<String?> to let null through\n    for method GenUsers.load");
  }

  @Override
  public Flow<String> names(boolean withNull) {
    return GeneratedMembers.flowCall(thimble, names, new Object[] {withNull},
        "Users.names(boolean) returned null, which a Flow cannot be made from; return an empty Iterator<String>"
            + " instead\n    for method GenUsers.names",
        "Users.names(boolean) returned a null element, which the face's Flow<String> does not admit; declare it as"
            + " Flow<String?> to let null through\n    for method GenUsers.names");
  }

  @Override
  public Flow<String> stream() {
    return GeneratedMembers.flowCall(thimble, stream, null,
        "Users.stream() returned null, which a Flow cannot be made from; return an empty Iterator<String>"
            + " instead\n    for method GenUsers.stream",
        "Users.stream() returned a null element, which the face's Flow<String> does not admit; declare it as"
            + " Flow<String?> to let null through\n    for method GenUsers.stream");
  }

  @Override
  public Object park(Continuation<? super Unit> $completion) {
    return GeneratedMembers.suspendCall(park, null, true, null, $completion);
  }

  @Override
  public Object read(Continuation<? super String> $completion) {
    return GeneratedMembers.suspendCall(read, null, false,
        "Users.read() returned null, which the face's String does not admit; declare it as String? to let null"
            + " through\n    for method GenUsers.read",
        $completion);
  }

  @Override
  @SuppressWarnings("deprecation") // Kotlin 2.2+ deprecates DefaultImpls where it also emits default methods
  public Object greet(long id, Continuation<? super String> $completion) {
    return GeneratedMembers.suspendBody($completion, () -> GenUsers.DefaultImpls.greet(this, id, $completion));
  }

  @Override
  @SuppressWarnings("deprecation") // Kotlin 2.2+ deprecates DefaultImpls where it also emits default methods
  public Object refuse(long id, Continuation<? super String> $completion) {
    return GeneratedMembers.suspendBody($completion, () -> GenUsers.DefaultImpls.refuse(this, id, $completion));
  }
}
