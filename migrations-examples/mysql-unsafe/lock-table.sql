-- Hazard lock-table: LOCK TABLES … WRITE blocks the app's reads and writes until UNLOCK TABLES.
LOCK TABLES users WRITE;
UNLOCK TABLES;
