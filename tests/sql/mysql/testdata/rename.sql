RENAME TABLE users TO people;
RENAME TABLE a TO a_old, a_new TO a, db.x TO db2.x;
RENAME USER 'a'@'%' TO 'b'@'%';
