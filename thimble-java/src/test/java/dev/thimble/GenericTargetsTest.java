package dev.thimble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thimble.testing.InlinePool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * Face methods over generic targets match as a Java call would: type variables resolved through the target's
 * hierarchy, unbound ones by their bounds (unchecked), type arguments compared where both sides have them.
 */
class GenericTargetsTest {
  private final InlinePool pool = new InlinePool();

  private <T> Thimble<T> thimble(T target) {
    return Thimble.of(target, pool);
  }

  private String proxyFails(Object target, Class<?> face) {
    return assertThrows(IllegalArgumentException.class, () -> thimble(target).proxy(face)).getMessage();
  }

  // ---- variables the runtime class leaves unbound ----

  public interface AsyncQueue {
    CompletableFuture<Void> put(String item);

    CompletableFuture<String> take();

    boolean offer(String item);

    String peek();

    int size();
  }

  @Test
  void aRawQueueMatchesAFaceOfItsElementType() throws Exception {
    AsyncQueue queue = thimble(new LinkedBlockingQueue<String>()).proxy(AsyncQueue.class);

    queue.put("a").get();
    assertEquals(true, queue.offer("b"));
    assertEquals("a", queue.peek());
    assertEquals(2, queue.size());
    assertEquals("a", queue.take().get());
  }

  public interface AsyncMap {
    CompletableFuture<String> get(Object key);

    CompletableFuture<String> put(String key, String value);

    CompletableFuture<String> getOrDefault(Object key, String fallback);
  }

  @Test
  void aMapMatchesAFaceOfItsKeyAndValueTypes() throws Exception {
    AsyncMap map = thimble(new ConcurrentHashMap<String, String>()).proxy(AsyncMap.class);

    assertEquals(null, map.put("k", "v").get());
    assertEquals("v", map.get("k").get());
    assertEquals("none", map.getOrDefault("x", "none").get());
  }

  public static class Numbers<N extends Number> {
    private final List<N> items = new ArrayList<>();

    public void add(N n) {
      items.add(n);
    }

    public N first() {
      return items.get(0);
    }
  }

  public interface IntegerNumbers {
    CompletableFuture<Void> add(Integer n);

    CompletableFuture<Integer> first();
  }

  public interface StringNumbers {
    CompletableFuture<String> first();
  }

  public interface AddsStrings {
    CompletableFuture<Void> add(String s);
  }

  @Test
  void anUnboundVariableFitsWhatFitsItsBoundAndNothingElse() throws Exception {
    IntegerNumbers numbers = thimble(new Numbers<Integer>()).proxy(IntegerNumbers.class);
    numbers.add(7).get();
    assertEquals(7, numbers.first().get());

    assertEquals("Numbers.first() returns N, which does not fit CompletableFuture's value type String; declare it as "
        + "Number (or a supertype)\n    for method StringNumbers.first", proxyFails(new Numbers<>(), StringNumbers.class));
    assertEquals("Numbers has no public method add(String); closest: add(N) (parameter types must match exactly)\n"
        + "    for method AddsStrings.add", proxyFails(new Numbers<>(), AddsStrings.class));
  }

  public static class Converter {
    public <T> T convert(Object value, Class<T> type) {
      return type.cast(value);
    }
  }

  public interface AsyncConverter {
    CompletableFuture<String> convert(Object value, Class<String> type);
  }

  @Test
  void aGenericMethodsOwnVariableIsUncheckedLikeErasure() throws Exception {
    assertEquals("x", thimble(new Converter()).proxy(AsyncConverter.class).convert("x", String.class).get());
  }

  // ---- variables the class binds ----

  public static class User {
    final String name;

    User(String name) {
      this.name = name;
    }
  }

  public static class Order {}

  /** A base class in the style of a JDBC repository: generic, bound by each subclass. */
  public abstract static class JdbcRepository<T> {
    final List<T> rows = new ArrayList<>();

    public T byId(long id) {
      return rows.get((int) id);
    }

    public void store(T item) {
      rows.add(item);
    }

    public List<T> all() {
      return rows;
    }

    public void storeAll(List<T> items) {
      rows.addAll(items);
    }

    public CompletableFuture<T> firstAsync() {
      return CompletableFuture.completedFuture(rows.get(0));
    }
  }

  public static class UserRepository extends JdbcRepository<User> {}

  public interface AsyncUsers {
    CompletableFuture<User> byId(long id);

    CompletableFuture<Void> store(User user);

    CompletableFuture<List<User>> all();

    CompletableFuture<Void> storeAll(List<User> users);
  }

  @Test
  void aVariableBoundInASuperclassIsResolved() throws Exception {
    AsyncUsers users = thimble(new UserRepository()).proxy(AsyncUsers.class);

    users.store(new User("ada")).get();
    users.storeAll(Arrays.asList(new User("bob"))).get();
    assertEquals("ada", users.byId(0).get().name);
    assertEquals(2, users.all().get().size());
  }

  public interface IntegersFromUsers {
    CompletableFuture<List<Integer>> all();
  }

  public interface StoresOrders {
    CompletableFuture<Void> store(Order order);
  }

  public interface StoresOrderLists {
    CompletableFuture<Void> storeAll(List<Order> orders);
  }

  public interface FirstUser {
    CompletableFuture<User> firstAsync();
  }

  public interface FirstOrder {
    CompletableFuture<Order> firstAsync();
  }

  @Test
  void anAlreadyAsyncMethodsValueIsResolvedToo() throws Exception {
    UserRepository repository = new UserRepository();
    repository.store(new User("ada"));
    assertEquals("ada", thimble(repository).proxy(FirstUser.class).firstAsync().get().name);

    assertEquals("JdbcRepository.firstAsync already returns CompletableFuture<User>, whose value does not fit "
        + "CompletableFuture<Order>\n    for method FirstOrder.firstAsync", proxyFails(repository, FirstOrder.class));
  }

  public interface OrderById {
    CompletableFuture<Order> byId(long id);
  }

  @Test
  void typesThatContradictTheBoundVariableFail() {
    assertEquals("JdbcRepository.all() returns List<User>, which does not fit CompletableFuture's value type "
        + "List<Integer>; declare it as List<User> (or a supertype)\n    for method IntegersFromUsers.all",
        proxyFails(new UserRepository(), IntegersFromUsers.class));
    assertEquals("UserRepository has no public method store(Order); closest: store(User) (parameter types must match "
        + "exactly)\n    for method StoresOrders.store", proxyFails(new UserRepository(), StoresOrders.class));
    assertEquals("UserRepository has no public method storeAll(List<Order>); closest: storeAll(List<User>) (parameter "
        + "types must match exactly)\n    for method StoresOrderLists.storeAll",
        proxyFails(new UserRepository(), StoresOrderLists.class));
    assertEquals("JdbcRepository.byId(long) returns User, which does not fit CompletableFuture's value type Order; "
        + "declare it as User (or a supertype)\n    for method OrderById.byId",
        proxyFails(new UserRepository(), OrderById.class));
  }

  /** Bound in an interface, two levels up, through a variable of the class in between. */
  public interface Repository<T, K> {
    T find(K key);

    Map<K, T> findAll(List<? extends K> keys);
  }

  public abstract static class KeyedByLong<T> implements Repository<T, Long> {}

  public static class OrderRepository extends KeyedByLong<Order> {
    static final Order ONLY = new Order();

    @Override
    public Order find(Long key) {
      return ONLY;
    }

    @Override
    public Map<Long, Order> findAll(List<? extends Long> keys) {
      Map<Long, Order> all = new java.util.HashMap<>();
      for (Long key : keys) {
        all.put(key, ONLY);
      }
      return all;
    }
  }

  /** The same binding, but the target class declares no method of its own: all come from the interface. */
  public static class Orders extends KeyedByLong<Order> {
    @Override
    public Order find(Long key) {
      return OrderRepository.ONLY;
    }

    @Override
    public Map<Long, Order> findAll(List<? extends Long> keys) {
      return new java.util.HashMap<>();
    }
  }

  public interface AsyncOrders {
    CompletableFuture<Order> find(Long key);

    CompletableFuture<Map<Long, Order>> findAll(List<Long> keys);
  }

  public interface OrdersByString {
    CompletableFuture<Map<String, Order>> findAll(List<Long> keys);
  }

  @Test
  void aVariableBoundInAnInterfaceAtAnyDepthIsResolved() throws Exception {
    AsyncOrders orders = thimble(new OrderRepository()).proxy(AsyncOrders.class);
    assertEquals(OrderRepository.ONLY, orders.find(1L).get());
    assertEquals(1, orders.findAll(Arrays.asList(1L)).get().size());

    assertEquals(OrderRepository.ONLY, thimble(new Orders()).proxy(AsyncOrders.class).find(2L).get());
    assertEquals("OrderRepository.findAll(List) returns Map<Long, Order>, which does not fit CompletableFuture's value "
        + "type Map<String, Order>; declare it as Map<Long, Order> (or a supertype)\n"
        + "    for method OrdersByString.findAll", proxyFails(new OrderRepository(), OrdersByString.class));
  }

  // ---- overloads ----

  public static class Printer {
    public String print(Object o) {
      return "object";
    }

    public String print(String s) {
      return "string";
    }

    public String print(CharSequence s) {
      return "chars";
    }

    public String label(CharSequence s) {
      return "chars";
    }

    public String label(Comparable<?> c) {
      return "comparable";
    }
  }

  public interface PrintsStrings {
    CompletableFuture<String> print(String s);
  }

  public interface PrintsBuilders {
    CompletableFuture<String> print(StringBuilder s);
  }

  public interface PrintsNumbers {
    CompletableFuture<String> print(Integer n);
  }

  public interface LabelsStrings {
    CompletableFuture<String> label(String s);
  }

  @Test
  void overloadsResolveToTheMostSpecificMethod() throws Exception {
    Thimble<Printer> printer = thimble(new Printer());
    assertEquals("string", printer.proxy(PrintsStrings.class).print("x").get());
    assertEquals("chars", printer.proxy(PrintsBuilders.class).print(new StringBuilder()).get());
    assertEquals("object", printer.proxy(PrintsNumbers.class).print(1).get());
  }

  @Test
  void aRealAmbiguityFailsListingTheCandidates() {
    assertEquals("Printer has 2 public methods that fit label(String) equally well: label(CharSequence), "
        + "label(Comparable<?>); declare the face method's parameter types as those of the one to call\n"
        + "    for method LabelsStrings.label", proxyFails(new Printer(), LabelsStrings.class));
  }

  /** A bridge javac makes for an override of a generic method is not a second candidate. */
  public static class Names implements Comparable<Names> {
    @Override
    public int compareTo(Names other) {
      return 0;
    }
  }

  public interface ComparesNames {
    int compareTo(Names other);
  }

  @Test
  void aBridgeMethodIsNoSecondCandidate() {
    Names names = new Names();
    assertEquals(0, thimble(names).proxy(ComparesNames.class).compareTo(names));
  }
}
