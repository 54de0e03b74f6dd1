-- Hazard vacuum-full: VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock.
VACUUM FULL users;
