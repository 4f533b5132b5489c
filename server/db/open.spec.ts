import { describe, expect, it } from 'vitest';
import { databaseLabel } from './open';

describe('databaseLabel', () => {
	it('names the database, never its password, also for a unix socket address', () => {
		const label = (databaseUrl: string | null) =>
			databaseLabel({ databaseUrl, databasePath: '/data/kita.db' });
		expect(label(null)).toBe('/data/kita.db');
		expect(label('postgres://kita:geheim@db.example:5432/kita?sslmode=require')).toBe(
			'PostgreSQL database kita'
		);
		expect(label('postgres://postgres@/kita_1?host=%2Ftmp%2Fpg&port=5433')).toBe(
			'PostgreSQL database kita_1'
		);
		expect(label('postgresql://db.example')).toBe('PostgreSQL database (default)');
		expect(label('postgres://kita:geheim@db.example/kita')).not.toContain('geheim');
	});

	it('shows no part of a password that holds an unescaped "/", "@" or "?"', () => {
		const label = (databaseUrl: string) => databaseLabel({ databaseUrl, databasePath: '' });
		expect(label('postgres://kita:ge/heim@db.example/kita')).toBe('PostgreSQL database kita');
		expect(label('postgres://kita:a/b@c/d@db.example:5432/kita?sslmode=require')).toBe(
			'PostgreSQL database kita'
		);
		expect(label('postgres://kita:ge?heim@db.example/kita')).not.toContain('heim');
		expect(label('postgres://kita:ge%2Fheim@db.example/kita')).toBe('PostgreSQL database kita');
	});

	// Review: the name was looked for after the first '/' past the host, which may lie inside a
	// password given as a query parameter.
	it('shows no part of a password given as a query parameter', () => {
		const label = (databaseUrl: string) => databaseLabel({ databaseUrl, databasePath: '' });
		expect(label('postgres://kita@db.example?password=ge/heim')).toBe('PostgreSQL database (default)');
		expect(label('postgres://kita@db.example/kita?password=ge/heim')).toBe('PostgreSQL database kita');
		expect(label('postgres://kita@/kita?host=/run/postgresql&password=a/b')).toBe('PostgreSQL database kita');
	});
});
