-- PostgreSQL twin of ../0014_offer_rounds.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Offer rounds (issue 17, point 3): the youth office starts a round for a Kita year with a deadline;
-- the round's seed (the lottery that broke ties) is recorded, so the same input gives the same
-- proposal again. At most one open round per Kita year. Each Kita with something to offer gets one
-- proposal: the requests to offer, in order (JSON arrays of request ids), as computed and as staff
-- changed it (each change with its written reason), and whether it was sent or lapsed.
CREATE TABLE offer_rounds (
	id TEXT PRIMARY KEY,
	kita_year_id TEXT NOT NULL REFERENCES kita_years (id),
	seed INTEGER NOT NULL,
	-- The admin who started it (no foreign key: the account may be deleted, the round stays).
	started_by TEXT,
	started_at TEXT NOT NULL,
	deadline TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	closed_at TEXT
);
CREATE UNIQUE INDEX offer_rounds_one_open ON offer_rounds (kita_year_id) WHERE status = 'open';
CREATE INDEX offer_rounds_year ON offer_rounds (kita_year_id, started_at);

CREATE TABLE round_proposals (
	id TEXT PRIMARY KEY,
	round_id TEXT NOT NULL REFERENCES offer_rounds (id),
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	proposed_request_ids TEXT NOT NULL,
	request_ids TEXT NOT NULL,
	-- [{at, by, dropRequestId, addRequestId, reason}]
	changes TEXT NOT NULL DEFAULT '[]',
	status TEXT NOT NULL CHECK (status IN ('open', 'sent', 'changedAndSent', 'lapsed')),
	sent_at TEXT,
	sent_by TEXT,
	seq BIGINT NOT NULL,
	UNIQUE (round_id, facility_id)
);
CREATE INDEX round_proposals_facility_seq ON round_proposals (facility_id, seq);
