// Table types for Kysely: snake_case as in migrations/; mapped to domain objects in the services.
// The tables come from server/db/generated.ts (kysely-codegen over the migrated schema, `npm run
// db:types`); this file narrows what SQLite cannot say: enum-like columns become the domain's unions,
// and primary keys lose the NULL that SQLite's non-INTEGER primary keys technically allow.
// schema.spec.ts checks both tables below against the migrated database.
import type { ColumnType } from 'kysely';
import { ACCOUNT_LOCALES } from '../../src/lib/domain/account';
import { CHILDMINDING_STATUSES } from '../../src/lib/domain/childminding';
import { AGE_BANDS, PROVIDER_TYPES, WEEKLY_HOURS } from '../../src/lib/domain/facility';
import { FAMILY_SOURCES } from '../../src/lib/domain/family';
import { FEEDBACK_KINDS } from '../../src/lib/domain/feedback-kinds';
import { MOVE_PLACEMENTS } from '../../src/lib/domain/allocation/moves';
import { REQUEST_STATUSES } from '../../src/lib/domain/placement';
import { ROLES } from '../../src/lib/domain/roles';
import { PROPOSAL_STATUSES, ROUND_STATUSES } from '../../src/lib/domain/allocation/offer-round';
import { DUPLICATE_STATUSES, REJECT_REASONS } from '../../src/lib/domain/staff';
import type { DB as GeneratedDB } from './generated';

/** SQLite's booleans: INTEGER with CHECK (x IN (0, 1)). */
const FLAG = [0, 1] as const;

export const EMAIL_TOKEN_PURPOSES = ['confirm', 'reset', 'invite', 'changeEmail'] as const;
export const CARRY_OVER_TRIGGERS = ['allocationEnd', 'closedByAdmin', 'yearEnd'] as const;
export const GUARDIAN_POSITIONS = [1, 2] as const;

/**
 * Columns whose values a CHECK (column IN (…)) constraint lists: the union here must hold exactly
 * those values (the spec compares them with the constraint in the migrated schema).
 */
export const CHECKED_COLUMNS = {
	'capacities.age_band': AGE_BANDS,
	'capacities.weekly_hours': WEEKLY_HOURS,
	'carry_over_runs.trigger': CARRY_OVER_TRIGGERS,
	'childminder_requests.weekly_hours': WEEKLY_HOURS,
	'duplicate_candidates.status': DUPLICATE_STATUSES,
	'email_tokens.purpose': EMAIL_TOKEN_PURPOSES,
	'facilities.active': FLAG,
	'facilities.is_demo': FLAG,
	'facilities.meeting_required': FLAG,
	'families.source': FAMILY_SOURCES,
	'feedback.kind': FEEDBACK_KINDS,
	'feedback.wants_reply': FLAG,
	'guardians.employed_or_training': FLAG,
	'guardians.position': GUARDIAN_POSITIONS,
	'queue_moves.placement': MOVE_PLACEMENTS,
	'offer_rounds.status': ROUND_STATUSES,
	'registrations.source': FAMILY_SOURCES,
	'requests.change_request': FLAG,
	'requests.weekly_hours': WEEKLY_HOURS,
	'round_proposals.status': PROPOSAL_STATUSES,
	'sessions.mfa_verified': FLAG,
	'users.active': FLAG,
	'users.role': ROLES
} as const;

/**
 * Enum-like columns without a CHECK constraint (migrations are frozen): the domain decides their
 * values and only the commands write them. The spec fails when one of them gains a CHECK, so it
 * moves to CHECKED_COLUMNS.
 */
export const DOMAIN_COLUMNS = {
	'childminder_requests.status': CHILDMINDING_STATUSES,
	'facilities.provider_type': PROVIDER_TYPES,
	'request_events.from_status': REQUEST_STATUSES,
	'request_events.to_status': REQUEST_STATUSES,
	'requests.offer_weekly_hours': WEEKLY_HOURS,
	'requests.reject_reason': REJECT_REASONS,
	'requests.status': REQUEST_STATUSES,
	'users.locale': ACCOUNT_LOCALES
} as const;

/**
 * Primary-key columns: SQLite lets a TEXT primary key hold NULL (a legacy quirk) and kysely-codegen
 * says so; the portal never writes one. The spec checks this list against the schema's keys.
 */
export const PRIMARY_KEYS = {
	allocation_closures: ['kita_year_id'],
	app_secrets: ['name'],
	audit_events: ['id'],
	capacities: ['facility_id', 'kita_year_id', 'age_band', 'weekly_hours'],
	captcha_solutions: ['id'],
	carry_over_runs: ['id'],
	childminder_requests: ['id'],
	children: ['id'],
	duplicate_candidates: ['id'],
	email_tokens: ['id'],
	facilities: ['id'],
	families: ['id'],
	feedback: ['id'],
	guardians: ['id'],
	kita_years: ['id'],
	mail_outbox: ['id'],
	municipalities: ['id'],
	number_counters: ['name'],
	queue_moves: ['id'],
	offer_rounds: ['id'],
	rate_limits: ['key'],
	recovery_codes: ['user_id', 'code_hash'],
	registrations: ['id'],
	request_events: ['id'],
	requests: ['id'],
	retention_runs: ['id'],
	round_proposals: ['id'],
	schema_migrations: ['name'],
	sessions: ['id'],
	sync_clients: ['client_id'],
	sync_deletions: [],
	sync_rejections: ['client_id', 'mutation_id'],
	sync_state: ['id'],
	user_facilities: ['user_id', 'facility_id'],
	users: ['id']
} as const satisfies { [T in keyof GeneratedDB]: readonly (keyof GeneratedDB[T] & string)[] };

type EnumColumns = typeof CHECKED_COLUMNS & typeof DOMAIN_COLUMNS;
type EnumOf<Table extends string, Column> = `${Table}.${Column & string}` extends keyof EnumColumns
	? EnumColumns[`${Table}.${Column & string}`][number]
	: never;

/** The column's type with its value type replaced, keeping Generated and NULL as they were. */
type Retype<Original, Value> = [Original] extends [ColumnType<infer S, infer I, infer U>]
	? ColumnType<Retype<S, Value>, Retype<I, Value>, Retype<U, Value>>
	: [null] extends [Original]
		? Value | null | Extract<Original, undefined>
		: Value | Extract<Original, undefined>;

type WithoutNull<Original> = [Original] extends [ColumnType<infer S, infer I, infer U>]
	? ColumnType<NonNullable<S>, Exclude<I, null>, Exclude<U, null>>
	: NonNullable<Original>;

type Narrowed<Table extends keyof GeneratedDB> = {
	[Column in keyof GeneratedDB[Table]]: [EnumOf<Table, Column>] extends [never]
		? Column extends (typeof PRIMARY_KEYS)[Table][number]
			? WithoutNull<GeneratedDB[Table][Column]>
			: GeneratedDB[Table][Column]
		: Column extends (typeof PRIMARY_KEYS)[Table][number]
			? WithoutNull<Retype<GeneratedDB[Table][Column], EnumOf<Table, Column>>>
			: Retype<GeneratedDB[Table][Column], EnumOf<Table, Column>>;
};

export type DB = { [Table in keyof GeneratedDB]: Narrowed<Table> };

export type SchemaMigrationsTable = DB['schema_migrations'];
export type SyncStateTable = DB['sync_state'];
export type MunicipalitiesTable = DB['municipalities'];
export type KitaYearsTable = DB['kita_years'];
export type FacilitiesTable = DB['facilities'];
export type CapacitiesTable = DB['capacities'];
export type UsersTable = DB['users'];
export type UserFacilitiesTable = DB['user_facilities'];
export type SessionsTable = DB['sessions'];
export type EmailTokensTable = DB['email_tokens'];
export type RecoveryCodesTable = DB['recovery_codes'];
export type MailOutboxTable = DB['mail_outbox'];
export type AuditEventsTable = DB['audit_events'];
export type RateLimitsTable = DB['rate_limits'];
export type AppSecretsTable = DB['app_secrets'];
export type CaptchaSolutionsTable = DB['captcha_solutions'];
export type FamiliesTable = DB['families'];
export type GuardiansTable = DB['guardians'];
export type ChildrenTable = DB['children'];
export type RegistrationsTable = DB['registrations'];
export type RequestsTable = DB['requests'];
export type RequestEventsTable = DB['request_events'];
export type ChildminderRequestsTable = DB['childminder_requests'];
export type SyncClientsTable = DB['sync_clients'];
export type SyncRejectionsTable = DB['sync_rejections'];
export type DuplicateCandidatesTable = DB['duplicate_candidates'];
export type NumberCountersTable = DB['number_counters'];
export type AllocationClosuresTable = DB['allocation_closures'];
export type CarryOverRunsTable = DB['carry_over_runs'];
export type SyncDeletionsTable = DB['sync_deletions'];
export type RetentionRunsTable = DB['retention_runs'];
export type FeedbackTable = DB['feedback'];
export type QueueMovesTable = DB['queue_moves'];
export type OfferRoundsTable = DB['offer_rounds'];
export type RoundProposalsTable = DB['round_proposals'];
