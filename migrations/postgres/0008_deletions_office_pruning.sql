-- PostgreSQL twin of ../0008_deletions_office_pruning.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Deletions for the youth office, and an end to sync_deletions growing forever.

-- The office role all of whose devices may hold the row: the Fachberatung ('childminding') holds
-- every child-minding request, with its child and the family's contact.
ALTER TABLE sync_deletions ADD COLUMN office_role TEXT;

-- When the deletion was recorded: retention prunes entries after a while. Entries recorded before
-- this migration count from now.
ALTER TABLE sync_deletions ADD COLUMN recorded_at TEXT;
UPDATE sync_deletions SET recorded_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
CREATE INDEX sync_deletions_recorded_at ON sync_deletions (recorded_at);

-- The highest seq of the deletions pruned so far: a pull cookie older than it may have missed one
-- and gets a reset.
ALTER TABLE sync_state ADD COLUMN deletions_pruned_through BIGINT NOT NULL DEFAULT 0;
