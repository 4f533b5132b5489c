-- The youth office: closing a Kita year's allocation early, the log of carry-overs, anonymised
-- families (retention), and indexes for the Fachberatung's queue, reports and the audit viewer.

-- An admin closed the allocation of a year before its allocationEndsOn: requests registered before
-- this instant and still waiting carry over to the next year.
CREATE TABLE allocation_closures (
	kita_year_id TEXT PRIMARY KEY REFERENCES kita_years (id),
	closed_at TEXT NOT NULL,
	closed_by TEXT -- user id
);

-- Each carry-over that moved requests: when, from which year to which, how many, and why.
CREATE TABLE carry_over_runs (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	from_kita_year_id TEXT NOT NULL REFERENCES kita_years (id),
	to_kita_year_id TEXT NOT NULL REFERENCES kita_years (id),
	trigger TEXT NOT NULL CHECK (trigger IN ('allocationEnd', 'closedByAdmin', 'yearEnd')),
	moved INTEGER NOT NULL,
	skipped INTEGER NOT NULL
);
CREATE INDEX carry_over_runs_from ON carry_over_runs (from_kita_year_id);

-- Set when retention or the deletion of the account anonymised the family (names, addresses and
-- free texts gone; statuses, dates and Kitas kept for the statistics).
ALTER TABLE families ADD COLUMN anonymised_at TEXT;

CREATE INDEX requests_year_status ON requests (kita_year_id, status);
CREATE INDEX childminder_requests_status ON childminder_requests (status);
CREATE INDEX audit_events_action ON audit_events (action);
