package dev.thimble.docs;

// README:begin shared-pool
import dev.thimble.Thimble;
import dev.thimble.ThimblePool;

public class SharedPoolExample {
  public static class Users {
    public int count() {
      return 42; // a blocking query, in real life
    }
  }

  public static class Orders {
    public int count() {
      return 7;
    }
  }

  public static void main(String[] args) {
    ThimblePool db = ThimblePool.builder("db").threads(0, 4).build(); // not started
    Thimble<Users> users = Thimble.of(new Users(), db);
    Thimble<Orders> orders = Thimble.of(new Orders(), db);

    System.out.println(users.submit(Users::count).join());   // 42: this first call starts db
    users.close();                                           // orders is open: db keeps running
    System.out.println(orders.submit(Orders::count).join()); // 7
    orders.close();                                          // the last open thimble over db stops it
    System.out.println(db.isStopped());                      // true
  }
}
// README:end
