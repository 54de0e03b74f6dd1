-- Hazard backfill-outside-backfill-section: one UPDATE of every row holds SQLite's write lock, and
-- every writer waits, until it ends.
UPDATE users SET full_name = name WHERE full_name IS NULL;
