-- Hazard rename-enum-value: renaming an enum value breaks the running app, which still writes the old value.
ALTER TYPE user_status RENAME VALUE 'banned' TO 'suspended';
