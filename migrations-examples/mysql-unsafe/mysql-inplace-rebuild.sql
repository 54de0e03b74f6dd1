-- Hazard mysql-inplace-rebuild (a warning): FORCE rebuilds the table in place; writes go on, but it is long and replicas lag.
ALTER TABLE users FORCE;
