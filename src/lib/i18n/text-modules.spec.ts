// Issue 15, point 7: one module spells the address of the compiled text modules — for the compiler,
// the build, the loader in the browser and the service worker's build.
import { describe, expect, it } from 'vitest';
import {
	namespaceName,
	parseTextModulePath,
	textModuleFile,
	textModulePath,
	textModuleUrl,
	TEXTS_FOLDER
} from './text-modules';

describe('the address of the text modules', () => {
	it('finds a route’s namespace from its id, without brackets and layout groups', () => {
		expect(namespaceName('/kitas/[id]')).toBe('kitas_id');
		expect(namespaceName('/(parent)/konto/daten')).toBe('konto_daten');
		expect(namespaceName('/')).toBe('home');
		expect(namespaceName('deferred/gate')).toBe('deferred_gate');
		expect(namespaceName('core')).toBe('core');
	});

	it('names a module after its namespace and language, in a folder per version', () => {
		expect(textModuleFile('kitas_id', 'de')).toBe('kitas_id.de.js');
		expect(textModulePath('0a1b2c3d4e', 'kitas_id', 'ar')).toBe(
			'_app/immutable/i18n/0a1b2c3d4e/kitas_id.ar.js'
		);
		expect(textModulePath('v', 'core', 'de').startsWith(`${TEXTS_FOLDER}/`)).toBe(true);
	});

	it('reads a built path back, with or without the leading slash, and nothing else', () => {
		const address = { version: '0a1b2c3d4e', namespace: 'konto_zwei-faktor', locale: 'uk' };
		const path = textModulePath(address.version, address.namespace, address.locale);
		expect(parseTextModulePath(path)).toEqual(address);
		expect(parseTextModulePath(`/${path}`)).toEqual(address);
		expect(parseTextModulePath('/_app/immutable/chunks/abc.js')).toBeUndefined();
		expect(parseTextModulePath('/_app/immutable/i18n/v/core.de.js.map')).toBeUndefined();
	});

	it('finds a module from the loader’s own URL in a sibling folder (as the build lays them out)', () => {
		const loader = 'https://kita.example/_app/immutable/chunks/messages.Bx9.js';
		expect(textModuleUrl(loader, 'v1', 'core', 'tr')).toBe(
			`https://kita.example/${textModulePath('v1', 'core', 'tr')}`
		);
		// Served below a base path the same way.
		expect(textModuleUrl('https://host/portal/_app/immutable/nodes/3.js', 'v1', 'home', 'de')).toBe(
			'https://host/portal/_app/immutable/i18n/v1/home.de.js'
		);
	});
});
