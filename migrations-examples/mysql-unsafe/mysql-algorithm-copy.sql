-- Hazard mysql-algorithm-copy: ALGORITHM=COPY copies the whole table while the app's writes wait.
ALTER TABLE users ADD COLUMN nickname VARCHAR(50), ALGORITHM=COPY;
