-- Hazard sqlite-pragma-legacy-alter-table: later renames on this connection leave triggers and
-- views naming a table that no longer exists.
PRAGMA legacy_alter_table = ON;
