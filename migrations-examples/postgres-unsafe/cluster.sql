-- Hazard cluster: CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock.
CLUSTER users USING users_pkey;
