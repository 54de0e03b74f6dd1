-- Column attributes
CREATE TABLE IF NOT EXISTS `shop`.`users` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  email varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'login',
  name VARCHAR(100) CHARSET latin1 NULL DEFAULT NULL,
  status ENUM('active','banned') NOT NULL DEFAULT 'active',
  flags SET('a','b') DEFAULT '',
  score DECIMAL(10,2) UNSIGNED ZEROFILL DEFAULT -1.5,
  balance numeric DEFAULT 0,
  ratio float(30),
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  uuid binary(16) NOT NULL DEFAULT (uuid_to_bin(uuid())),
  token char(36) DEFAULT (UUID()) INVISIBLE,
  doc json DEFAULT (JSON_ARRAY()),
  nick varchar(20) DEFAULT _utf8mb4'x' COLLATE 'utf8mb4_bin' COLUMN_FORMAT DYNAMIC STORAGE DISK,
  full_name varchar(200) GENERATED ALWAYS AS (concat(name, ' ', nick)) VIRTUAL,
  name_len int AS (char_length(name)) STORED NOT NULL,
  age tinyint CHECK (age >= 0),
  org_id int REFERENCES orgs (id) ON DELETE CASCADE,
  code char UNIQUE KEY,
  legacy int KEY,
  n national varchar(10),
  dp double precision,
  r real,
  y year(4),
  i8 int8 SIGNED,
  s serial
) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people' ROW_FORMAT=DYNAMIC;

-- Table constraints and indexes
CREATE TABLE orders (
  id int NOT NULL,
  user_id bigint unsigned NOT NULL,
  ref varchar(40),
  body text,
  geo point NOT NULL SRID 4326,
  PRIMARY KEY (id) USING BTREE,
  UNIQUE KEY uq_ref (ref(20)),
  UNIQUE INDEX (user_id, ref),
  KEY idx_user (user_id DESC) COMMENT 'by user',
  INDEX USING HASH (ref),
  FULLTEXT KEY ft_body (body) WITH PARSER ngram,
  SPATIAL INDEX sp_geo (geo),
  INDEX idx_expr ((lower(ref))),
  CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
  FOREIGN KEY fk_idx (ref) REFERENCES refs (code) MATCH FULL ON DELETE SET NULL,
  CONSTRAINT chk_id CHECK (id > 0) NOT ENFORCED,
  CHECK (ref IS NOT NULL),
  CONSTRAINT PRIMARY KEY (id)
) ENGINE InnoDB, DEFAULT CHARACTER SET = utf8mb4 STATS_PERSISTENT 0
  PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN MAXVALUE);

CREATE TEMPORARY TABLE tmp (a int);
CREATE OR REPLACE TABLE r (a int);

-- LIKE and AS SELECT
CREATE TABLE users_copy LIKE users;
CREATE TABLE IF NOT EXISTS users_copy2 (LIKE shop.users);
CREATE TABLE users_backup AS SELECT * FROM users;
CREATE TABLE users_backup2 ENGINE=InnoDB SELECT id FROM users WHERE id > 10;
CREATE TABLE users_backup3 (extra int) IGNORE SELECT id FROM users;
CREATE TABLE users_backup4 AS (SELECT 1 AS a);
