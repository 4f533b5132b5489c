import { describe, expect, it } from 'vitest';
import { CATALOGUE_TABLES } from './catalogue-version';
import { publicSources } from './scopes';

describe('the catalogue version', () => {
	it('covers every entity of the public scope (a visitor’s unchanged pull and the catalogue cache rely on it)', () => {
		expect(publicSources.map((s) => s.entity).sort()).toEqual(Object.keys(CATALOGUE_TABLES).sort());
	});
});
