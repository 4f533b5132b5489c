-- PostgreSQL twin of ../0012_admission_criteria.sql: the same tables, columns and constraints (server/db/postgres.ts
-- says how the types map). Frozen like its twin once landed.
-- A Kita's published admission criteria ("Aufnahmekriterien", issue 17 point 2): the ones it applies
-- from the youth office's catalogue (src/lib/domain/allocation/criteria.ts), in its order, as a
-- JSON array of their names. '[]' until the Kita chose: it then ranks by registration date alone.
ALTER TABLE facilities ADD COLUMN admission_criteria TEXT NOT NULL DEFAULT '[]';
