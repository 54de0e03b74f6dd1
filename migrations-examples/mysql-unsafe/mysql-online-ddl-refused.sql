-- Hazard mysql-online-ddl-refused (a warning): the server cannot add an index INSTANTly, so it rejects the statement.
ALTER TABLE users ADD INDEX users_email_idx (email), ALGORITHM=INSTANT;
