import { describe, expect, it, vi } from 'vitest';

const LOCALES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'] as const;

async function inLocale(locale: (typeof LOCALES)[number]) {
	vi.resetModules();
	const runtime = await import('$lib/i18n/runtime');
	runtime.setLocale(locale, { reload: false });
	await (await import('$lib/i18n/messages')).loadMessages('deferred/sync'); // loaded with it
	return (await import('./indicator-texts')).lastSyncTextAt;
}

const LAST = new Date('2026-12-06T16:47:30Z');
const after = (minutes: number) => LAST.getTime() + minutes * 60_000;

describe('lastSyncTextAt', () => {
	it('says "just now", then the minutes, then the day and time in Germany', async () => {
		const text = await inLocale('de');
		expect(text(LAST, after(0))).toBe('Letzter Abgleich: gerade eben');
		expect(text(LAST, after(0.99))).toBe('Letzter Abgleich: gerade eben');
		expect(text(LAST, after(1))).toBe('Letzter Abgleich: vor 1 Minute');
		expect(text(LAST, after(59.9))).toBe('Letzter Abgleich: vor 59 Minuten');
		expect(text(LAST, after(60))).toBe('Letzter Abgleich: 06.12.2026, 17:47');
		// The device's clock set back since the pull.
		expect(text(LAST, after(-3))).toBe('Letzter Abgleich: gerade eben');
	});

	it('counts minutes by each language’s plural rules', async () => {
		const uk = await inLocale('uk');
		expect(uk(LAST, after(1))).toBe('Остання синхронізація: 1 хвилину тому');
		expect(uk(LAST, after(3))).toBe('Остання синхронізація: 3 хвилини тому');
		expect(uk(LAST, after(11))).toBe('Остання синхронізація: 11 хвилин тому');
		expect(uk(LAST, after(21))).toBe('Остання синхронізація: 21 хвилину тому');
		const ar = await inLocale('ar');
		expect(ar(LAST, after(2))).toBe('آخر مزامنة: قبل دقيقتين');
		expect(ar(LAST, after(5))).toBe('آخر مزامنة: قبل 5 دقائق');
		expect(ar(LAST, after(11))).toBe('آخر مزامنة: قبل 11 دقيقة');
	});

	it('has a text for each step in every language', async () => {
		for (const locale of LOCALES) {
			const text = await inLocale(locale);
			const said = [0, 1, 2, 5, 22, 59, 90].map((minutes) => text(LAST, after(minutes)));
			for (const line of said) expect(line, locale).not.toMatch(/^[a-z_]+$|\{[a-z]+\}|undefined/);
			expect(new Set(said).size, `${locale}: ${said.join(' | ')}`).toBeGreaterThanOrEqual(4);
		}
	});
});

describe('announcement', () => {
	const calm = { online: true, phase: 'idle', pending: 0 } as const;

	it('speaks of the connection, a failure, an update and the last change sent; not of each pull', async () => {
		await inLocale('de');
		const { announcement } = await import('./indicator-texts');
		expect(announcement(calm, { ...calm, online: false })).toMatch(/^Keine Internetverbindung/);
		expect(announcement({ ...calm, online: false }, calm)).toMatch(/^Wieder online/);
		expect(announcement(calm, { ...calm, phase: 'error' })).toBe(
			'Abgleich fehlgeschlagen, neuer Versuch folgt'
		);
		expect(announcement(calm, { ...calm, phase: 'updateRequired' })).toBe('Bitte aktualisieren Sie die App');
		expect(announcement({ ...calm, pending: 2 }, calm)).toBe('Alle Änderungen wurden übertragen.');
		expect(announcement(calm, { ...calm, phase: 'syncing' })).toBeUndefined();
		expect(announcement({ ...calm, phase: 'syncing' }, calm)).toBeUndefined();
		expect(announcement(calm, { ...calm, pending: 1 })).toBeUndefined();
		// Offline, changes that leave the queue were not sent: nothing to announce but the connection.
		expect(announcement({ ...calm, online: false, pending: 1 }, { ...calm, online: false })).toBeUndefined();
	});
});
