-- Reading the setting, and the pragmas that work inside a transaction.
PRAGMA foreign_keys;
PRAGMA defer_foreign_keys = ON;
PRAGMA foreign_key_check;
