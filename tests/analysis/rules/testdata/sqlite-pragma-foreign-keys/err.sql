PRAGMA foreign_keys = OFF;
DROP TABLE IF EXISTS legacy_orders;
PRAGMA foreign_keys = ON;
