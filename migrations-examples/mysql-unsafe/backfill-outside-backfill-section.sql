-- Hazard backfill-outside-backfill-section: an UPDATE of existing rows outside a batched backfill section.
UPDATE users SET full_name = name WHERE full_name IS NULL;
