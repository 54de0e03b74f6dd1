PRAGMA legacy_alter_table;
PRAGMA legacy_alter_table = OFF;
