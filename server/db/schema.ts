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

export interface DB {
	schema_migrations: SchemaMigrationsTable;
	sync_state: SyncStateTable;
	municipalities: MunicipalitiesTable;
	kita_years: KitaYearsTable;
	facilities: FacilitiesTable;
	capacities: CapacitiesTable;
}
