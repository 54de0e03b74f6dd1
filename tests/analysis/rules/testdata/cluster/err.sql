CLUSTER users USING users_pkey;
CLUSTER sessions;
