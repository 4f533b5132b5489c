-- Rows retention deleted on the server that devices may still hold (the privacy page's promise on
-- registrations): a pull sends their ids as deletions — to the Kitas by facility, to the family
-- that held them. Ids only, never names or other personal data.
CREATE TABLE sync_deletions (
	entity TEXT NOT NULL, -- the sync entity: requests, requestEvents, registrations, children, …
	row_id TEXT NOT NULL,
	facility_id TEXT, -- the Kita whose devices may hold the row
	family_id TEXT, -- the family whose devices may hold the row
	seq INTEGER NOT NULL
);
CREATE INDEX sync_deletions_seq ON sync_deletions (seq);

-- One row per retention run that changed something: what it did, in counts only.
CREATE TABLE retention_runs (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	counts TEXT NOT NULL -- JSON: { requestsDeleted: 2, … }
);
