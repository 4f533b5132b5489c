-- PostgreSQL twin of ../0003_families_requests_sync.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Families, children and their requests (Anmeldungen), child-minding requests, and the sync
-- bookkeeping: per-client last mutation id and the rejections a client still has to see.

CREATE TABLE families (
	id TEXT PRIMARY KEY,
	owner_user_id TEXT UNIQUE REFERENCES users (id) ON DELETE SET NULL, -- NULL for walk-in families
	source TEXT NOT NULL CHECK (source IN ('online', 'walkin')),
	claim_code_hash TEXT, -- walk-in families: SHA-256 of the claim code on their receipt
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	seq BIGINT NOT NULL
);
CREATE INDEX families_seq ON families (seq);

CREATE TABLE guardians (
	id TEXT PRIMARY KEY,
	family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position IN (1, 2)),
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	street TEXT NOT NULL,
	postcode TEXT NOT NULL,
	town TEXT NOT NULL,
	phone TEXT NOT NULL,
	email TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	seq BIGINT NOT NULL,
	UNIQUE (family_id, position)
);
CREATE INDEX guardians_family ON guardians (family_id);

CREATE TABLE children (
	id TEXT PRIMARY KEY,
	family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	birth_date TEXT NOT NULL,
	-- normalised "name|birth date", to find the same child entered twice (walk-ins)
	match_key TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	seq BIGINT NOT NULL
);
CREATE INDEX children_family ON children (family_id);
CREATE INDEX children_match ON children (match_key);

-- One submission of the registration form: the parents' receipt (registration number).
CREATE TABLE registrations (
	id TEXT PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
	submitted_at TEXT NOT NULL,
	submitted_by TEXT, -- user id
	source TEXT NOT NULL CHECK (source IN ('online', 'walkin')),
	seq BIGINT NOT NULL
);
CREATE INDEX registrations_family ON registrations (family_id);

CREATE TABLE requests (
	id TEXT PRIMARY KEY,
	registration_id TEXT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
	child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	kita_year_id TEXT NOT NULL REFERENCES kita_years (id),
	rank INTEGER NOT NULL,
	start_date TEXT NOT NULL,
	weekly_hours INTEGER NOT NULL CHECK (weekly_hours IN (25, 35, 45)),
	change_request INTEGER NOT NULL DEFAULT 0 CHECK (change_request IN (0, 1)),
	comment TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	registered_at TEXT NOT NULL,
	offered_at TEXT,
	offer_expires_at TEXT,
	offer_start_date TEXT,
	offer_weekly_hours INTEGER,
	offer_note TEXT,
	contracted_at TEXT,
	reject_reason TEXT,
	reject_note TEXT,
	updated_at TEXT NOT NULL,
	seq BIGINT NOT NULL
);
CREATE INDEX requests_child ON requests (child_id);
CREATE INDEX requests_facility_seq ON requests (facility_id, seq);
CREATE INDEX requests_status ON requests (status);
CREATE INDEX requests_seq ON requests (seq);

-- Every transition of a request: history for parents and staff, the basis of mails and reports.
CREATE TABLE request_events (
	id TEXT PRIMARY KEY,
	request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
	at TEXT NOT NULL,
	actor_id TEXT,
	actor_role TEXT NOT NULL,
	event TEXT NOT NULL,
	from_status TEXT,
	to_status TEXT NOT NULL,
	reason TEXT,
	seq BIGINT NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id);
CREATE INDEX request_events_seq ON request_events (seq);

CREATE TABLE childminder_requests (
	id TEXT PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
	start_date TEXT NOT NULL,
	weekly_hours INTEGER NOT NULL CHECK (weekly_hours IN (25, 35, 45)),
	comment TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL,
	internal_note TEXT NOT NULL DEFAULT '',
	submitted_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	seq BIGINT NOT NULL
);
CREATE INDEX childminder_requests_family ON childminder_requests (family_id);
CREATE INDEX childminder_requests_seq ON childminder_requests (seq);

CREATE TABLE sync_clients (
	client_id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	last_mutation_id INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL
);
CREATE INDEX sync_clients_user ON sync_clients (user_id);

CREATE TABLE sync_rejections (
	client_id TEXT NOT NULL REFERENCES sync_clients (client_id) ON DELETE CASCADE,
	mutation_id INTEGER NOT NULL,
	name TEXT NOT NULL,
	args TEXT NOT NULL, -- JSON: what the user tried
	code TEXT NOT NULL,
	message TEXT NOT NULL,
	current TEXT, -- JSON: the entity as the server holds it now
	created_at TEXT NOT NULL,
	seq BIGINT NOT NULL,
	PRIMARY KEY (client_id, mutation_id)
);

-- Registration and child-minding numbers count per year: KP-2026-000001, TP-2026-000001.
CREATE TABLE number_counters (
	name TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
