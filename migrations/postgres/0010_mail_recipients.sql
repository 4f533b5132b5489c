-- PostgreSQL twin of ../0010_mail_recipients.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Whose mail it is, by foreign key instead of by address (security issue 12, point 1): the account
-- it was sent to at that account's own address, and the family it concerns. The export and the
-- erasure select mails by these columns; an address a parent typed for a second guardian never
-- makes another person's mail theirs. Mails queued before this migration have neither and age out
-- with RETENTION_TRANSIENT_DAYS.
ALTER TABLE mail_outbox ADD COLUMN user_id TEXT REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE mail_outbox ADD COLUMN family_id TEXT REFERENCES families (id) ON DELETE CASCADE;
CREATE INDEX mail_outbox_user ON mail_outbox (user_id);
CREATE INDEX mail_outbox_family ON mail_outbox (family_id);
