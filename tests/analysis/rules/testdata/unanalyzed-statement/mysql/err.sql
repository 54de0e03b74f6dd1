CALL refresh_user_counts();
LOAD DATA INFILE '/tmp/users.csv' INTO TABLE users;
