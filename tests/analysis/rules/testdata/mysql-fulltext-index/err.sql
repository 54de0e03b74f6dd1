ALTER TABLE users ADD FULLTEXT INDEX users_bio_ft (bio);
-- The second FULLTEXT index does not rebuild the table, but still blocks writes.
CREATE FULLTEXT INDEX users_name_ft ON users (name);
