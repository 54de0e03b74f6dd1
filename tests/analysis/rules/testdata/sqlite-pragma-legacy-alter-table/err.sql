PRAGMA legacy_alter_table = ON;
PRAGMA main.legacy_alter_table = 1;
