// Table types for Kysely: snake_case as in migrations/; mapped to domain objects in the services.
import type { Generated } from 'kysely';

export interface SchemaMigrationsTable {
	name: string;
	checksum: string;
	applied_at: string;
}

export interface SyncStateTable {
	id: number;
	seq: number;
	/** The highest seq of the pruned sync_deletions: older cookies get a reset (0008). */
	deletions_pruned_through: Generated<number>;
}

export interface MunicipalitiesTable {
	id: string;
	name: string;
	postcodes: string;
	seq: number;
}

export interface KitaYearsTable {
	id: string;
	label: string;
	starts_on: string;
	ends_on: string;
	registration_opens_on: string;
	preferred_deadline: string;
	review_ends_on: string;
	offers_from: string;
	allocation_ends_on: string;
	offer_response_days: number;
	seq: number;
}

export interface FacilitiesTable {
	id: string;
	name: string;
	municipality_id: string;
	provider: string;
	provider_type: string;
	street: string;
	postcode: string;
	town: string;
	lat: number;
	lon: number;
	min_age_months: number;
	max_age_months: number;
	weekly_hours: string;
	features: string;
	phone: string;
	email: string;
	website: string | null;
	opening_hours: string;
	description: string;
	meeting_required: number;
	is_demo: number;
	active: number;
	created_at: string;
	updated_at: string;
	seq: number;
}

export interface CapacitiesTable {
	facility_id: string;
	kita_year_id: string;
	age_band: string;
	weekly_hours: number;
	places: number;
	contracted: Generated<number>;
	offered: Generated<number>;
	seq: number;
}

export interface UsersTable {
	id: string;
	email: string;
	password_hash: string | null;
	role: string;
	first_name: string;
	last_name: string;
	street: string | null;
	postcode: string | null;
	town: string | null;
	phone: string | null;
	locale: Generated<string>;
	email_confirmed_at: string | null;
	privacy_consent_at: string | null;
	totp_key: string | null;
	totp_pending_key: string | null;
	totp_last_step: number | null;
	last_login_at: string | null;
	active: Generated<number>;
	created_at: string;
	updated_at: string;
}

export interface UserFacilitiesTable {
	user_id: string;
	facility_id: string;
}

export interface SessionsTable {
	id: string;
	user_id: string;
	created_at: string;
	expires_at: string;
	mfa_verified: Generated<number>;
}

export interface EmailTokensTable {
	id: string;
	user_id: string;
	purpose: 'confirm' | 'reset' | 'invite' | 'changeEmail';
	new_email: string | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface RecoveryCodesTable {
	user_id: string;
	code_hash: string;
	used_at: string | null;
}

export interface MailOutboxTable {
	id: string;
	to_address: string;
	subject: string;
	text_body: string;
	html_body: string;
	kind: string;
	created_at: string;
	attempts: Generated<number>;
	next_attempt_at: string;
	sent_at: string | null;
	last_error: string | null;
	/** The account the mail went to, at its own address (0010); null for mails to other addresses. */
	user_id: string | null;
	/** The family the mail concerns (0010). */
	family_id: string | null;
}

export interface AuditEventsTable {
	id: Generated<number>;
	at: string;
	actor_id: string | null;
	actor_role: string | null;
	action: string;
	target_type: string | null;
	target_id: string | null;
	outcome: Generated<string>;
}

export interface RateLimitsTable {
	key: string;
	count: number;
	window_start: string;
	blocked_until: string | null;
}

export interface AppSecretsTable {
	name: string;
	value: string;
	created_at: string;
}

export interface CaptchaSolutionsTable {
	id: string;
	expires_at: string;
}

export interface FamiliesTable {
	id: string;
	owner_user_id: string | null;
	source: 'online' | 'walkin';
	claim_code_hash: string | null;
	created_at: string;
	updated_at: string;
	seq: number;
	/** Set when retention or account deletion anonymised the family (migration 0005). */
	anonymised_at: string | null;
}

export interface GuardiansTable {
	id: string;
	family_id: string;
	position: number;
	first_name: string;
	last_name: string;
	street: string;
	postcode: string;
	town: string;
	phone: string;
	email: string;
	updated_at: string;
	seq: number;
}

export interface ChildrenTable {
	id: string;
	family_id: string;
	first_name: string;
	last_name: string;
	birth_date: string;
	match_key: string;
	/** Linked into this child ("same child"); its requests were moved there. */
	merged_into: string | null;
	created_at: string;
	updated_at: string;
	seq: number;
}

export interface RegistrationsTable {
	id: string;
	number: string;
	family_id: string;
	child_id: string;
	submitted_at: string;
	submitted_by: string | null;
	source: 'online' | 'walkin';
	seq: number;
}

export interface RequestsTable {
	id: string;
	registration_id: string;
	child_id: string;
	facility_id: string;
	kita_year_id: string;
	rank: number;
	start_date: string;
	weekly_hours: number;
	change_request: number;
	comment: string;
	status: string;
	registered_at: string;
	offered_at: string | null;
	offer_expires_at: string | null;
	offer_start_date: string | null;
	offer_weekly_hours: number | null;
	offer_note: string | null;
	contracted_at: string | null;
	reject_reason: string | null;
	reject_note: string | null;
	updated_at: string;
	seq: number;
}

export interface RequestEventsTable {
	id: string;
	request_id: string;
	at: string;
	actor_id: string | null;
	actor_role: string;
	event: string;
	from_status: string | null;
	to_status: string;
	reason: string | null;
	seq: number;
}

export interface ChildminderRequestsTable {
	id: string;
	number: string;
	family_id: string;
	child_id: string;
	start_date: string;
	weekly_hours: number;
	comment: string;
	status: string;
	internal_note: string;
	submitted_at: string;
	updated_at: string;
	seq: number;
}

export interface SyncClientsTable {
	client_id: string;
	user_id: string;
	last_mutation_id: number;
	created_at: string;
	last_seen_at: string;
}

export interface SyncRejectionsTable {
	client_id: string;
	mutation_id: number;
	name: string;
	args: string;
	code: string;
	message: string;
	current: string | null;
	/** The role of whoever made the latest step on the request (ActedBy), never a person. */
	acted_by: string | null;
	acted_at: string | null;
	created_at: string;
	seq: number;
}

export interface DuplicateCandidatesTable {
	id: string;
	facility_id: string;
	child_id: string;
	match_child_id: string;
	status: 'open' | 'askedFamily' | 'awaitingOffice' | 'linked' | 'separate' | 'obsolete';
	found_at: string;
	asked_at: string | null;
	asked_by: string | null;
	decided_at: string | null;
	decided_by: string | null;
	seq: number;
}

export interface NumberCountersTable {
	name: string;
	value: number;
}

export interface AllocationClosuresTable {
	kita_year_id: string;
	closed_at: string;
	closed_by: string | null;
}

export interface CarryOverRunsTable {
	id: Generated<number>;
	at: string;
	from_kita_year_id: string;
	to_kita_year_id: string;
	trigger: 'allocationEnd' | 'closedByAdmin' | 'yearEnd';
	moved: number;
	skipped: number;
}

/** Rows retention deleted that devices may still hold; a pull sends them as deletions (0007). */
export interface SyncDeletionsTable {
	entity: string;
	row_id: string;
	facility_id: string | null;
	family_id: string | null;
	/** An office role all of whose devices may hold the row, e.g. 'childminding' (0008). */
	office_role: string | null;
	seq: number;
	/** ISO instant the deletion was recorded; retention prunes old entries (0008). */
	recorded_at: string | null;
}

export interface RetentionRunsTable {
	id: Generated<number>;
	at: string;
	/** JSON of the run's counts. */
	counts: string;
}

export interface FeedbackTable {
	id: string;
	created_at: string;
	kind: 'barrier' | 'content' | 'other';
	page: Generated<string>;
	message: string;
	name: Generated<string>;
	email: Generated<string>;
	wants_reply: Generated<number>;
	locale: Generated<string>;
	user_id: string | null;
	handled_at: string | null;
	handled_by: string | null;
}

export interface DB {
	schema_migrations: SchemaMigrationsTable;
	sync_state: SyncStateTable;
	municipalities: MunicipalitiesTable;
	kita_years: KitaYearsTable;
	facilities: FacilitiesTable;
	capacities: CapacitiesTable;
	users: UsersTable;
	user_facilities: UserFacilitiesTable;
	sessions: SessionsTable;
	email_tokens: EmailTokensTable;
	recovery_codes: RecoveryCodesTable;
	mail_outbox: MailOutboxTable;
	audit_events: AuditEventsTable;
	rate_limits: RateLimitsTable;
	app_secrets: AppSecretsTable;
	captcha_solutions: CaptchaSolutionsTable;
	families: FamiliesTable;
	guardians: GuardiansTable;
	children: ChildrenTable;
	registrations: RegistrationsTable;
	requests: RequestsTable;
	request_events: RequestEventsTable;
	childminder_requests: ChildminderRequestsTable;
	sync_clients: SyncClientsTable;
	sync_rejections: SyncRejectionsTable;
	number_counters: NumberCountersTable;
	duplicate_candidates: DuplicateCandidatesTable;
	feedback: FeedbackTable;
	allocation_closures: AllocationClosuresTable;
	carry_over_runs: CarryOverRunsTable;
	sync_deletions: SyncDeletionsTable;
	retention_runs: RetentionRunsTable;
}
