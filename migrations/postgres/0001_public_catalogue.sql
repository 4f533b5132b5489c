-- PostgreSQL twin of ../0001_public_catalogue.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- The public catalogue: municipalities, Kita years, facilities and their places,
-- plus the global change counter (seq) that sync cookies point into.

CREATE TABLE sync_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL
);
INSERT INTO sync_state (id, seq) VALUES (1, 0);

CREATE TABLE municipalities (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	postcodes TEXT NOT NULL, -- JSON [{postcode, lat, lon}]
	seq BIGINT NOT NULL
);
CREATE INDEX municipalities_seq ON municipalities (seq);

CREATE TABLE kita_years (
	id TEXT PRIMARY KEY, -- '2026-27'
	label TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	registration_opens_on TEXT NOT NULL,
	preferred_deadline TEXT NOT NULL,
	review_ends_on TEXT NOT NULL,
	offers_from TEXT NOT NULL,
	allocation_ends_on TEXT NOT NULL,
	offer_response_days INTEGER NOT NULL CHECK (offer_response_days > 0),
	seq BIGINT NOT NULL
);
CREATE INDEX kita_years_seq ON kita_years (seq);

CREATE TABLE facilities (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	municipality_id TEXT NOT NULL REFERENCES municipalities (id),
	provider TEXT NOT NULL,
	provider_type TEXT NOT NULL,
	street TEXT NOT NULL,
	postcode TEXT NOT NULL,
	town TEXT NOT NULL,
	lat DOUBLE PRECISION NOT NULL,
	lon DOUBLE PRECISION NOT NULL,
	min_age_months INTEGER NOT NULL,
	max_age_months INTEGER NOT NULL,
	weekly_hours TEXT NOT NULL, -- JSON [25, 35, 45]
	features TEXT NOT NULL, -- JSON ['familienzentrum', ...]
	phone TEXT NOT NULL,
	email TEXT NOT NULL,
	website TEXT,
	opening_hours TEXT NOT NULL,
	description TEXT NOT NULL,
	meeting_required INTEGER NOT NULL CHECK (meeting_required IN (0, 1)),
	is_demo INTEGER NOT NULL CHECK (is_demo IN (0, 1)),
	active INTEGER NOT NULL CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	seq BIGINT NOT NULL
);
CREATE INDEX facilities_seq ON facilities (seq);
CREATE INDEX facilities_municipality ON facilities (municipality_id);

CREATE TABLE capacities (
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	kita_year_id TEXT NOT NULL REFERENCES kita_years (id),
	age_band TEXT NOT NULL CHECK (age_band IN ('u3', 'ue3')),
	weekly_hours INTEGER NOT NULL CHECK (weekly_hours IN (25, 35, 45)),
	places INTEGER NOT NULL CHECK (places >= 0),
	contracted INTEGER NOT NULL DEFAULT 0 CHECK (contracted >= 0),
	offered INTEGER NOT NULL DEFAULT 0 CHECK (offered >= 0),
	seq BIGINT NOT NULL,
	PRIMARY KEY (facility_id, kita_year_id, age_band, weekly_hours)
);
CREATE INDEX capacities_seq ON capacities (seq);
