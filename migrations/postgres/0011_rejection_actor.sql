-- PostgreSQL twin of ../0011_rejection_actor.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- Who acted first when a change was refused (issue 14, point 7): the role of the latest step on the
-- request as the refused user may learn it ('kita', 'colleague', 'youthOffice', 'family', 'system',
-- 'you') and when — never a person's name or account id. NULL for refusals that concern no request
-- the user can see, and for those recorded before this migration.
ALTER TABLE sync_rejections ADD COLUMN acted_by TEXT;
ALTER TABLE sync_rejections ADD COLUMN acted_at TEXT;
