// The finder's first pull — the whole public catalogue, the same bytes for every anonymous device —
// encoded once per catalogue change and kept in memory as tRPC's answer, plain, gzip and brotli,
// each with an ETag. Which entry is current is read on every request from the database (one row and
// four index ends), so a change by any writer, this process or another node, is never answered stale.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { sql } from 'kysely';
import type { PullResult } from '../../src/lib/sync/protocol';
import { SCHEMA_VERSION } from '../../src/lib/sync/version';
import type { Db, OpenDatabase } from '../db/database';
import { pull } from './pull';
import { publicScope } from './scopes';
import { CATALOGUE_MAXIMA, readCatalogueVersion, type CatalogueVersion } from './catalogue-version';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Brotli's quality 5 is within 20 % of quality 11 on the catalogue at a thirtieth of the time (40 ms
 * against 1.5 s for 180 KB): a catalogue changes with every offer made, and this machine has two cores.
 */
const BROTLI_QUALITY = 5;

/** The same on PostgreSQL (`greatest` for SQLite's many-argument `max`; quoted names keep their case). */
async function readPostgresVersion(db: Db): Promise<CatalogueVersion> {
	const { rows } =
		await sql<CatalogueVersion>`SELECT seq, deletions_pruned_through AS "prunedThrough", greatest(${sql.raw(CATALOGUE_MAXIMA)}) AS "publicSeq"
	FROM sync_state WHERE id = 1`.execute(db);
	const row = rows[0];
	if (!row) throw new Error('sync_state has no row');
	return row;
}

export type VersionReader = () => CatalogueVersion | Promise<CatalogueVersion>;

/** How the catalogue's version is read on the database's engine. */
export function versionReader(database: OpenDatabase): VersionReader {
	const { sqlite, db } = database;
	return sqlite ? () => readCatalogueVersion(sqlite) : () => readPostgresVersion(db);
}

export type Coding = 'br' | 'gzip' | 'identity';

/** One body in its three codings, each with its own ETag (a strong ETag names one representation). */
export interface Representation {
	bodies: Record<Coding, Uint8Array<ArrayBuffer>>;
	etags: Record<Coding, string>;
}

export interface CatalogueEntry {
	version: CatalogueVersion;
	result: PullResult;
	/** tRPC's answer to `sync.pull?input=…`. */
	single: Representation;
	/** tRPC's answer to `sync.pull?batch=1&input=…` (the browser's batch link) with this one call. */
	batch: Representation;
}

async function represent(json: string): Promise<Representation> {
	const identity = Buffer.from(json);
	const [gz, br] = await Promise.all([
		gzipAsync(identity, { level: 9 }),
		brotliAsync(identity, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
				[constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
				[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
			}
		})
	]);
	const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
	return {
		// Copies with their own ArrayBuffer: what a Response takes as a body.
		bodies: { identity: new Uint8Array(identity), gzip: new Uint8Array(gz), br: new Uint8Array(br) },
		etags: { identity: `"${tag}"`, gzip: `"${tag}-gz"`, br: `"${tag}-br"` }
	};
}

/** The bytes tRPC's fetch adapter sends for the result (no transformer): `{"result":{"data":…}}`. */
export function trpcBody(result: PullResult, batch: boolean): string {
	const one = JSON.stringify({ result: { data: result } });
	return batch ? `[${one}]` : one;
}

function current(entry: CatalogueEntry, version: CatalogueVersion): boolean {
	return entry.version.publicSeq === version.publicSeq && entry.version.seq >= version.prunedThrough;
}

export class CatalogueCache {
	#entry: CatalogueEntry | null = null;
	/** The build under way, shared by every request that arrives meanwhile. */
	#building: { publicSeq: number; done: Promise<CatalogueEntry> } | null = null;
	/** How often an entry was built (tests). */
	builds = 0;

	constructor(
		private readonly db: Db,
		private readonly readVersion: VersionReader,
		private readonly pageRows: number
	) {}

	/** The entry for the catalogue as it is now: the kept one while it holds, else a new one. */
	async get(): Promise<CatalogueEntry> {
		const version = await this.readVersion();
		if (this.#entry && current(this.#entry, version)) return this.#entry;
		if (this.#building?.publicSeq === version.publicSeq) {
			const built = await this.#building.done;
			if (current(built, await this.readVersion())) return built;
		}
		const done = this.#build();
		const building = { publicSeq: version.publicSeq, done };
		this.#building = building;
		try {
			const entry = await done;
			// A later build (a newer catalogue) may have finished first: keep the newest.
			if (!this.#entry || entry.version.publicSeq >= this.#entry.version.publicSeq) this.#entry = entry;
			return entry;
		} finally {
			if (this.#building === building) this.#building = null;
		}
	}

	/**
	 * Reads the first pull as any anonymous device gets it. The pull reads one snapshot; the catalogue
	 * version read before and after it being the same proves the snapshot holds the catalogue of that
	 * version (the version only grows), and the pull's cookie, the global seq at the snapshot, is at
	 * least as new.
	 */
	async #build(): Promise<CatalogueEntry> {
		for (;;) {
			const before = await this.readVersion();
			const result = await pull(
				this.db,
				publicScope,
				{ clientId: null, userId: null, schemaVersion: SCHEMA_VERSION, cookie: null, page: null },
				null,
				this.pageRows
			);
			const after = await this.readVersion();
			if (after.publicSeq !== before.publicSeq) continue;
			const snapshot = result.kind === 'patch' ? result.cookie : result.kind === 'page' ? result.token : null;
			if (snapshot === null) throw new Error(`the public first pull answered ${result.kind}`);
			const [single, batch] = await Promise.all([
				represent(trpcBody(result, false)),
				represent(trpcBody(result, true))
			]);
			this.builds += 1;
			return { version: { ...before, seq: snapshotSeq(snapshot) }, result, single, batch };
		}
	}
}

/** The seq a cookie or page token of ours names (the snapshot the entry was read at). */
function snapshotSeq(encoded: string): number {
	const parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { seq?: unknown };
	return typeof parsed.seq === 'number' ? parsed.seq : 0;
}

const caches = new WeakMap<OpenDatabase, CatalogueCache>();

/** The cache of one database (one per app). */
export function catalogueCache(database: OpenDatabase, pageRows: number): CatalogueCache {
	let cache = caches.get(database);
	if (!cache) {
		cache = new CatalogueCache(database.db, versionReader(database), pageRows);
		caches.set(database, cache);
	}
	return cache;
}

/** The coding to send for an Accept-Encoding header: brotli, else gzip, else none. */
export function negotiate(acceptEncoding: string | null): Coding {
	if (!acceptEncoding) return 'identity';
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [coding = '', ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const weight = q === undefined ? 1 : Number(q.slice(2));
		accepted.set(coding.trim(), Number.isFinite(weight) ? weight : 0);
	}
	const weight = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
	if (weight('br') > 0) return 'br';
	if (weight('gzip') > 0) return 'gzip';
	return 'identity';
}

/** Whether If-None-Match names one of the representation's ETags (weak comparison, `*` too). */
export function notModified(ifNoneMatch: string | null, representation: Representation): boolean {
	if (!ifNoneMatch) return false;
	const tags = new Set(Object.values(representation.etags));
	return ifNoneMatch.split(',').some((raw) => {
		const tag = raw.trim().replace(/^W\//, '');
		return tag === '*' || tags.has(tag);
	});
}
