-- PostgreSQL twin of ../0004_staff.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Kita staff: linked ("same child") records, possible duplicates found when a walk-in arrives, and
-- an index for the offer expiry job.

-- A child entered twice (walk-in at several Kitas, or walk-in and online) is linked into one record:
-- its requests move to the target, and the stub stays in its family so that family's contacts
-- remain reachable for every Kita of the target.
ALTER TABLE children ADD COLUMN merged_into TEXT REFERENCES children (id);
CREATE INDEX children_merged_into ON children (merged_into);

-- Possible duplicates of a walk-in child in the district (same normalised name and birth date).
-- The Kita that entered the walk-in decides: link ('linked') or keep separate ('separate');
-- 'obsolete' when another decision made the pair moot.
CREATE TABLE duplicate_candidates (
	id TEXT PRIMARY KEY,
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE, -- the walk-in child
	match_child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('open', 'linked', 'separate', 'obsolete')),
	found_at TEXT NOT NULL,
	decided_at TEXT,
	decided_by TEXT, -- user id
	seq BIGINT NOT NULL,
	UNIQUE (child_id, match_child_id)
);
CREATE INDEX duplicate_candidates_facility_seq ON duplicate_candidates (facility_id, seq);
CREATE INDEX duplicate_candidates_match ON duplicate_candidates (match_child_id);

CREATE INDEX requests_offer_expiry ON requests (status, offer_expires_at);
CREATE INDEX requests_registration ON requests (registration_id);
