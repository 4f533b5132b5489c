-- PostgreSQL twin of ../0009_duplicate_consent.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Possible duplicates are no longer linked by a Kita alone (security issue, point 2): staff propose,
-- and the link takes effect only when the family holding the other record confirms it in its
-- account ('askedFamily'), or — for two walk-ins, neither with an account — when the youth office
-- decides ('awaitingOffice'). SQLite cannot change a CHECK constraint, so the table is rebuilt
-- (SQLite's ALTER TABLE procedure: new table, copy, drop, rename, indexes); nothing references it.
-- asked_at/asked_by: when and by whom a Kita proposed the link (the family sees the date).

CREATE TABLE duplicate_candidates_new (
	id TEXT PRIMARY KEY,
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE, -- the walk-in child
	match_child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (
		status IN ('open', 'askedFamily', 'awaitingOffice', 'linked', 'separate', 'obsolete')
	),
	found_at TEXT NOT NULL,
	asked_at TEXT,
	asked_by TEXT, -- user id of the staff member who proposed the link
	decided_at TEXT,
	decided_by TEXT, -- user id: the confirming parent, the admin, or staff for 'separate'
	seq BIGINT NOT NULL,
	UNIQUE (child_id, match_child_id)
);

INSERT INTO duplicate_candidates_new
	(id, facility_id, child_id, match_child_id, status, found_at, asked_at, asked_by, decided_at, decided_by, seq)
SELECT id, facility_id, child_id, match_child_id, status, found_at, NULL, NULL, decided_at, decided_by, seq
FROM duplicate_candidates;

DROP TABLE duplicate_candidates;
ALTER TABLE duplicate_candidates_new RENAME TO duplicate_candidates;

CREATE INDEX duplicate_candidates_facility_seq ON duplicate_candidates (facility_id, seq);
CREATE INDEX duplicate_candidates_match ON duplicate_candidates (match_child_id);
-- The questions to a family and the youth office's list are read by status.
CREATE INDEX duplicate_candidates_status_seq ON duplicate_candidates (status, seq);
