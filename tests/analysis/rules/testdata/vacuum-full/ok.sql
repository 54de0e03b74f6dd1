VACUUM users;
VACUUM (ANALYZE) users;
VACUUM (FULL false) users;

CREATE TABLE scratch (id bigint);
VACUUM FULL scratch;
