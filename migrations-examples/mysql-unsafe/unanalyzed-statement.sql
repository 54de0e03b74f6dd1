-- Hazard unanalyzed-statement (a warning): migrate does not see what a stored procedure does.
CALL archive_old_users();
