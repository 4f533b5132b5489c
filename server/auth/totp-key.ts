// Where the key for the TOTP secrets comes from, and the start-up step that encrypts secrets still
// stored as plaintext (databases from before, demo accounts seeded by `npm run seed`).
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, type Config } from '../config';
import { withPrivateFiles, type Db } from '../db/database';
import { isSealedTotpKey, openTotpKey, sealTotpKey, TotpKeyError } from './totp-crypto';

const HEX_KEY = /^[0-9a-f]{64}$/;

/** The demo key file beside the database (`<database>.totp-key`). */
export function totpKeyFile(databasePath: string): string {
	return `${databasePath}.totp-key`;
}

/**
 * TOTP_ENCRYPTION_KEY when given. Without it only a demo may run: its key is generated on the first
 * start and kept in `<database>.totp-key` (0600), so that a restart still opens the secrets. A real
 * system refuses to start: a key kept next to the data it protects protects little.
 */
export function totpEncryptionKey(
	config: Pick<Config, 'totpEncryptionKey' | 'demoData' | 'databasePath'>
): Uint8Array {
	if (config.totpEncryptionKey) return decodeHex(config.totpEncryptionKey);
	if (!config.demoData)
		throw new ConfigError(
			'TOTP_ENCRYPTION_KEY is not set: it encrypts the TOTP secrets in the database. Set it to 64 hex ' +
				'characters (`openssl rand -hex 32`), keep it outside the database folder and its backups, and ' +
				'keep it safe: without it the stored second factors cannot be read.'
		);
	if (config.databasePath === ':memory:') return crypto.getRandomValues(new Uint8Array(32));
	const file = totpKeyFile(config.databasePath);
	if (!existsSync(file)) {
		withPrivateFiles(() => mkdirSync(dirname(file), { recursive: true, mode: 0o700 }));
		const key = crypto.getRandomValues(new Uint8Array(32));
		try {
			// 'wx': when two processes start at once, the first one's key is kept.
			writeFileSync(file, `${encodeHexLowerCase(key)}\n`, { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	chmodSync(file, 0o600);
	const hex = readFileSync(file, 'utf8').trim().toLowerCase();
	if (!HEX_KEY.test(hex)) throw new ConfigError(`${file} does not hold a key of 64 hex characters.`);
	return decodeHex(hex);
}

/**
 * Encrypts every TOTP secret still stored as plaintext hex and checks that the sealed ones open
 * with `key` (a changed TOTP_ENCRYPTION_KEY would otherwise lock every office user out only at
 * their next login). Running it again changes nothing; returns how many values it encrypted.
 */
export async function sealPlaintextTotpKeys(db: Db, key: Uint8Array): Promise<number> {
	return db.transaction().execute(async (tx) => {
		const users = await tx
			.selectFrom('users')
			.select(['id', 'totp_key', 'totp_pending_key'])
			.where((eb) => eb.or([eb('totp_key', 'is not', null), eb('totp_pending_key', 'is not', null)]))
			.execute();
		let sealed = 0;
		for (const user of users) {
			const next: { totp_key?: string; totp_pending_key?: string } = {};
			for (const column of ['totp_key', 'totp_pending_key'] as const) {
				const value = user[column];
				if (value === null) continue;
				if (isSealedTotpKey(value)) {
					try {
						openTotpKey(value, key, user.id);
					} catch (error) {
						if (!(error instanceof TotpKeyError)) throw error;
						throw new ConfigError(
							'The TOTP secrets in the database do not open with this TOTP_ENCRYPTION_KEY (or the ' +
								`key file beside the database): ${error.message} Start with the key they were encrypted with.`
						);
					}
				} else {
					next[column] = sealTotpKey(decodeHex(value), key, user.id);
					sealed++;
				}
			}
			if (Object.keys(next).length > 0)
				await tx.updateTable('users').set(next).where('id', '=', user.id).execute();
		}
		return sealed;
	});
}
