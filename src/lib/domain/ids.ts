// Branded ids: a FacilityId can never be passed where a RequestId is expected.
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type FacilityId = Brand<string, 'FacilityId'>;
export type MunicipalityId = Brand<string, 'MunicipalityId'>;
export type KitaYearId = Brand<string, 'KitaYearId'>;
export type UserId = Brand<string, 'UserId'>;
export type FamilyId = Brand<string, 'FamilyId'>;
export type ChildId = Brand<string, 'ChildId'>;
export type GuardianId = Brand<string, 'GuardianId'>;
export type RequestId = Brand<string, 'RequestId'>;
export type ChildminderRequestId = Brand<string, 'ChildminderRequestId'>;
export type ClientId = Brand<string, 'ClientId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entity ids are UUIDs made wherever the entity is created (client or server). */
export function newId<T extends string>(): Brand<string, T> {
	return crypto.randomUUID() as Brand<string, T>;
}

export function isUuid(value: string): boolean {
	return UUID.test(value);
}
