-- Expand: add the new column next to the old one.
ALTER TABLE users ADD COLUMN full_name varchar(100);

-- A table created earlier in this section is unused: renaming its columns is safe.
CREATE TABLE drafts (id bigint, title text);
ALTER TABLE drafts RENAME COLUMN title TO headline;
