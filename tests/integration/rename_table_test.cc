// `migrate rewrite` of a table rename on MariaDB and SQLite, run for real through the binary: the
// rewrite, `migrate apply` (the new name appears as a view over the table), the old and the new
// app version writing through their own names on their own connections, the gate keeping the
// contract closed while the old version is registered, and the contract (MariaDB: one atomic
// RENAME TABLE swapping the view out and the table in; SQLite: view dropped and table renamed in
// one transaction). Checked after it: every write of both versions is in the renamed table, the
// old name is gone, and foreign keys and the table's trigger follow the rename.
#include "integration/db_fixture.h"

namespace migrate::dbtest {
namespace {

class RenameTableTest : public DbTest {
 protected:
  // "BASE TABLE" / "VIEW" on MariaDB, "table" / "view" on SQLite; "" when the name does not exist.
  std::string Kind(const std::string& name) {
    const std::string kind =
        db().Scalar(db().S("SELECT table_type FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                           "table_name = '" + name + "'",
                           "SELECT type FROM sqlite_master WHERE name = '" + name + "'"));
    return kind == "<no row>" ? "" : kind;
  }
  std::string Contents(const std::string& table) {
    return db().Scalar(db().S("SELECT GROUP_CONCAT(CONCAT(id, ':', name, ':', price) ORDER BY id SEPARATOR ',') FROM " + table,
                              "SELECT group_concat(id || ':' || name || ':' || price, ',') FROM (SELECT * FROM " + table +
                                  " ORDER BY id)"));
  }
};

TEST_P(RenameTableTest, RenameTableThroughAViewKeepsBothNamesUntilTheGatedContract) {
  db().Write("0001_init.sql",
             "-- migrate:expand\n" +
                 db().S("CREATE TABLE items (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(100) NOT NULL DEFAULT "
                        "'unnamed', price INT);\n"
                        "CREATE TABLE orders (id BIGINT PRIMARY KEY, item_id BIGINT, CONSTRAINT orders_item_fk FOREIGN KEY "
                        "(item_id) REFERENCES items (id));\n"
                        "CREATE TABLE audit (item_id BIGINT, what VARCHAR(20));\n"
                        "CREATE TRIGGER items_audit AFTER INSERT ON items FOR EACH ROW INSERT INTO audit VALUES (NEW.id, "
                        "'insert');\n",
                        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'unnamed', price INTEGER);\n"
                        "CREATE TABLE orders (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items (id));\n"
                        "CREATE TABLE audit (item_id INTEGER, what TEXT);\n"
                        "CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN INSERT INTO audit VALUES (NEW.id, "
                        "'insert'); END;\n"));
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  ASSERT_TRUE(db().Exec("INSERT INTO items (id, name, price) VALUES (1, 'one', 1), (2, 'two', 2)"));

  db().Write("0002_rename.sql", db().S("RENAME TABLE items TO products;\n", "ALTER TABLE items RENAME TO products;\n"));
  r = db().Migrate({"rewrite", "--dialect", db().S("mysql", "sqlite"), db().dir() + "/0002_rename.sql", "--requires-app",
                    "2.0.0", "--write"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "rewritten: rename table items to products"));
  EXPECT_TRUE(Contains(db().Read("0002_rename.sql"),
                       db().S("RENAME TABLE `products` TO `products_migrate_view`, `items` TO `products`;",
                              "ALTER TABLE \"items\" RENAME TO \"products\";")));

  r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(Kind("items"), db().S("BASE TABLE", "table"));
  EXPECT_EQ(Kind("products"), db().S("VIEW", "view"));

  // The old app version on its connection (items), the new one on another (products).
  Connection& old_app = db().conn();
  std::unique_ptr<Connection> new_app = db().Connect();
  ASSERT_TRUE(new_app);
  auto new_exec = [&](const std::string& sql) {
    Status st = new_app->Execute(sql);
    EXPECT_TRUE(st.ok()) << sql << ": " << st.message();
  };
  ASSERT_TRUE(old_app.Execute("INSERT INTO items (id, name, price) VALUES (3, 'old app', 3)").ok());
  new_exec("INSERT INTO products (id, name, price) VALUES (4, 'new app', 4)");
  new_exec("INSERT INTO products (price) VALUES (5)");  // the key from the table, the name its default
  if (db().mysql()) {
    Result<Rows> id = new_app->Query("SELECT LAST_INSERT_ID()");
    ASSERT_TRUE(id.ok()) << id.status().message();
    EXPECT_EQ(id->rows[0][0].value_or("NULL"), "5") << "AUTO_INCREMENT and LAST_INSERT_ID() through the view";
  }
  new_exec("UPDATE products SET price = 30 WHERE id = 3");
  ASSERT_TRUE(old_app.Execute("UPDATE items SET name = 'renamed by old' WHERE id = 4").ok());
  new_exec("DELETE FROM products WHERE id = 2");
  new_exec("INSERT INTO orders (id, item_id) VALUES (1, 1)");
  const std::string expected = "1:one:1,3:old app:30,4:renamed by old:4,5:unnamed:5";
  EXPECT_EQ(Contents("items"), expected);
  EXPECT_EQ(Contents("products"), expected);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM audit"), 5) << "the table's trigger fires for writes through the view";
  EXPECT_FALSE(new_app->Execute("INSERT INTO products (id, name) VALUES (1, 'dup')").ok()) << "the table's key holds";

  // The gate: closed while the old version is registered; nothing of the contract runs.
  r = db().Migrate({"register", "--app-version", "1.0.0", "--instance", "old"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = db().Migrate({"contract"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_EQ(Kind("items"), db().S("BASE TABLE", "table"));
  r = db().Migrate({"register", "--instance", "old", "--deregister"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = db().Migrate({"register", "--app-version", "2.0.0", "--instance", "x"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = db().Migrate({"contract"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();

  // products is the table, with every write of both versions; items and the leftover view are gone.
  EXPECT_EQ(Kind("products"), db().S("BASE TABLE", "table"));
  EXPECT_EQ(Kind("items"), "");
  EXPECT_EQ(Kind("products_migrate_view"), "");
  EXPECT_EQ(Contents("products"), expected);
  // Foreign keys and the table's own trigger follow the rename.
  EXPECT_EQ(db().Scalar(db().S("SELECT referenced_table_name FROM information_schema.referential_constraints WHERE "
                               "constraint_schema = DATABASE() AND constraint_name = 'orders_item_fk'",
                               "SELECT \"table\" FROM pragma_foreign_key_list('orders')")),
            "products");
  EXPECT_EQ(db().Scalar(db().S("SELECT event_object_table FROM information_schema.triggers WHERE trigger_schema = "
                               "DATABASE() AND trigger_name = 'items_audit'",
                               "SELECT tbl_name FROM sqlite_master WHERE name = 'items_audit'")),
            "products");
  // The new version's connection, open across the swap, now writes the table itself.
  new_exec("INSERT INTO products (name, price) VALUES ('after', 6)");
  Result<Rows> id = new_app->Query(db().S("SELECT LAST_INSERT_ID()", "SELECT last_insert_rowid()"));
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(id->rows[0][0].value_or("NULL"), "6");
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM audit WHERE item_id = 6"), 1);
  EXPECT_FALSE(old_app.Execute("SELECT id FROM items").ok()) << "the old name is gone after the contract";
}

INSTANTIATE_TEST_SUITE_P(Mysql, RenameTableTest, ::testing::Values(Dialect::kMysql), DialectParamName);
INSTANTIATE_TEST_SUITE_P(Sqlite, RenameTableTest, ::testing::Values(Dialect::kSqlite), DialectParamName);

}  // namespace
}  // namespace migrate::dbtest
