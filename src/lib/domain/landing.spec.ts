import { describe, expect, it } from 'vitest';
import { landingPath } from './landing';
import { ROLES } from './roles';

describe('landingPath', () => {
	it.each([
		['parent', '/uebersicht'],
		['staff', '/kita'],
		['childminding', '/fachberatung'],
		['admin', '/verwaltung/berichte']
	] as const)('sends %s to %s', (role, path) => {
		expect(landingPath(role)).toBe(path);
	});

	it('has a landing for every role', () => {
		for (const role of ROLES) expect(landingPath(role)).toMatch(/^\/[a-z]/);
	});
});
