-- Hazard mysql-fulltext-index: adding a FULLTEXT index blocks writes (LOCK=SHARED) and rebuilds the table.
ALTER TABLE users ADD FULLTEXT INDEX users_bio_ft (bio);
