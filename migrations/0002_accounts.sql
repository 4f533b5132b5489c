-- Accounts, sessions, one-time email tokens, MFA, the mail outbox, the audit trail and rate limits.

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE, -- stored lower-case and trimmed
	password_hash TEXT, -- argon2id; NULL until an invited user sets a password
	role TEXT NOT NULL CHECK (role IN ('parent', 'staff', 'childminding', 'admin')),
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	street TEXT,
	postcode TEXT,
	town TEXT,
	phone TEXT,
	locale TEXT NOT NULL DEFAULT 'de',
	email_confirmed_at TEXT,
	privacy_consent_at TEXT,
	totp_key TEXT, -- hex of the 20-byte TOTP key; set once MFA set-up finished
	totp_pending_key TEXT, -- hex key shown during set-up, until the first code proves the app has it
	totp_last_step INTEGER, -- last accepted 30-s step: a code is accepted once (replay)
	last_login_at TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE user_facilities (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	facility_id TEXT NOT NULL REFERENCES facilities (id),
	PRIMARY KEY (user_id, facility_id)
);

-- Lucia's session guide: the cookie holds a random token, the table only its SHA-256 (hex).
CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	mfa_verified INTEGER NOT NULL DEFAULT 0 CHECK (mfa_verified IN (0, 1))
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use links sent by mail; only the SHA-256 of the token is stored.
CREATE TABLE email_tokens (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset', 'invite', 'changeEmail')),
	new_email TEXT,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used_at TEXT
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

CREATE TABLE recovery_codes (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	code_hash TEXT NOT NULL,
	used_at TEXT,
	PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE mail_outbox (
	id TEXT PRIMARY KEY,
	to_address TEXT NOT NULL,
	subject TEXT NOT NULL,
	text_body TEXT NOT NULL,
	html_body TEXT NOT NULL,
	kind TEXT NOT NULL,
	created_at TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	sent_at TEXT,
	last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);

-- Who did what to which record: ids only, never names, addresses or other personal data.
CREATE TABLE audit_events (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	actor_id TEXT,
	actor_role TEXT,
	action TEXT NOT NULL,
	target_type TEXT,
	target_id TEXT,
	outcome TEXT NOT NULL DEFAULT 'ok'
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_actor ON audit_events (actor_id);
CREATE INDEX audit_events_target ON audit_events (target_id);

CREATE TABLE rate_limits (
	key TEXT PRIMARY KEY, -- e.g. 'login:ip:<hash>'
	count INTEGER NOT NULL,
	window_start TEXT NOT NULL,
	blocked_until TEXT
);

-- Server secrets generated on first start when the environment gives none (e.g. the ALTCHA HMAC key).
CREATE TABLE app_secrets (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- Solved captcha challenges (ALTCHA nonce) until they expire: a solution is accepted once.
CREATE TABLE captcha_solutions (
	id TEXT PRIMARY KEY,
	expires_at TEXT NOT NULL
);
