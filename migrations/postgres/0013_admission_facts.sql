-- PostgreSQL twin of ../0013_admission_facts.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Issue 17, point 2: what the admission criteria read beyond the registration (moves in a Kita's
-- ranking, hardship decided by the youth office, the guardians' employment or training).
--
-- A Kita's staff move a child in its ranking by criteria with a written reason: the request is
-- placed just before or after another request of the same Kita and Kita year (src/lib/domain/
-- allocation/moves.ts). Every move is kept (the ranking applies them oldest first) and synced to
-- the Kita's devices only, never to parents. A move goes with either of its requests.
CREATE TABLE queue_moves (
	id TEXT PRIMARY KEY,
	request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	kita_year_id TEXT NOT NULL REFERENCES kita_years (id),
	anchor_request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
	placement TEXT NOT NULL CHECK (placement IN ('before', 'after')),
	reason TEXT NOT NULL,
	moved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
	moved_at TEXT NOT NULL,
	seq BIGINT NOT NULL
);
CREATE INDEX queue_moves_facility_seq ON queue_moves (facility_id, seq);
CREATE INDEX queue_moves_request ON queue_moves (request_id);
CREATE INDEX queue_moves_anchor ON queue_moves (anchor_request_id);

-- A hardship case decided by the youth office for a child (criterion `hardship`): the day of the
-- decision and a short file reference, nothing else; both NULL when none was decided.
ALTER TABLE children ADD COLUMN hardship_decided_on TEXT;
ALTER TABLE children ADD COLUMN hardship_reference TEXT;

-- A guardian is employed or in training (criterion `guardiansEmployedOrTraining`): declared by the
-- parents on their family page, optionally, or recorded at the Kita's desk for a walk-in; 0 until
-- declared.
ALTER TABLE guardians ADD COLUMN employed_or_training INTEGER NOT NULL DEFAULT 0 CHECK (employed_or_training IN (0, 1));
