-- PostgreSQL twin of ../0006_feedback.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Feedback from the accessibility statement's form (BITV 2.0 § 7: a way to report barriers and ask
-- for content in an accessible form). Admins read it; name and address are optional and only for
-- the answer.
CREATE TABLE feedback (
	id TEXT PRIMARY KEY,
	created_at TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('barrier', 'content', 'other')),
	page TEXT NOT NULL DEFAULT '', -- where the problem is (an address or a description)
	message TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	wants_reply INTEGER NOT NULL DEFAULT 0 CHECK (wants_reply IN (0, 1)),
	locale TEXT NOT NULL DEFAULT 'de',
	user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
	handled_at TEXT,
	handled_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX feedback_created ON feedback (created_at);
