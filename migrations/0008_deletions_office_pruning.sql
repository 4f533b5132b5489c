-- Deletions for the youth office, and an end to sync_deletions growing forever.

-- The office role all of whose devices may hold the row: the Fachberatung ('childminding') holds
-- every child-minding request, with its child and the family's contact.
ALTER TABLE sync_deletions ADD COLUMN office_role TEXT;

-- When the deletion was recorded: retention prunes entries after a while. Entries recorded before
-- this migration count from now.
ALTER TABLE sync_deletions ADD COLUMN recorded_at TEXT;
UPDATE sync_deletions SET recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE INDEX sync_deletions_recorded_at ON sync_deletions (recorded_at);

-- The highest seq of the deletions pruned so far: a pull cookie older than it may have missed one
-- and gets a reset.
ALTER TABLE sync_state ADD COLUMN deletions_pruned_through INTEGER NOT NULL DEFAULT 0;
