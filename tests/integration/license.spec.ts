// Public money, public code: the portal is published under the EUPL-1.2 (issue 18, point 8), the
// licence recommended for German public administrations' open source.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('licence', () => {
	it('LICENSE holds the full official EUPL-1.2 text, from its title to its appendix', () => {
		const text = readFileSync(resolve(root, 'LICENSE'), 'utf8');
		expect(
			text.startsWith('EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n')
		).toBe(true);
		for (const article of ['1.Definitions', '5.Obligations of the Licensee', '15.Applicable Law'])
			expect(text).toContain(article);
		expect(text).toContain('European Union Public Licence (EUPL) v. 1.1, v. 1.2');
		expect(text.length).toBeGreaterThan(13_000);
	});

	it('package.json names it by its SPDX identifier and stays private (no accidental npm publish)', () => {
		const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
			license?: string;
			private?: boolean;
		};
		expect(pkg.license).toBe('EUPL-1.2');
		expect(pkg.private).toBe(true);
	});

	it('the README says so', () => {
		expect(readFileSync(resolve(root, 'README.md'), 'utf8')).toMatch(/EUPL-1\.2/);
	});
});
