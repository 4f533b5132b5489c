// A throw-away PostgreSQL cluster for tests (issue 18 point 4): initdb into a temporary folder,
// listening only on a unix socket there, as an unprivileged user (postgres refuses to run as root:
// under root, the folder is handed to the `postgres` account Debian's package creates). Stopped and
// removed by `stop()`. Needs Debian's `postgresql` (.ci/run installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
	/** A connection URL for `database` (over the cluster's socket). */
	url(database: string): string;
	/**
	 * A new empty database sorting text bytewise, as the portal requires; returns its URL. `from`:
	 * the URL of a database of this cluster to copy instead (nobody may be connected to it).
	 */
	createDatabase(from?: string): string;
	stop(): void;
}

function binDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions[0])
		throw new Error(
			'PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL tests need it.'
		);
	return join(root, versions[0], 'bin');
}

/** Runs a PostgreSQL program as the unprivileged owner of the cluster. */
function run(owner: string | null, program: string, args: string[]): void {
	const [command, argv] = owner ? ['runuser', ['-u', owner, '--', program, ...args]] : [program, args];
	const result = spawnSync(command, argv, { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
}

let counter = 0;

/**
 * Tests trade durability for speed (a crash loses the throw-away cluster anyway). The bench asks for
 * SQLite's trade instead (`synchronous = NORMAL`, WAL): fsync on, a commit may be lost on power
 * failure but the database stays intact — PostgreSQL's synchronous_commit=off.
 */
const FAST = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

export function startCluster(options: { settings?: string[] } = {}): Cluster {
	const bin = binDir();
	const dir = mkdtempSync(join(tmpdir(), 'kita-pg-'));
	const owner = userInfo().uid === 0 ? 'postgres' : null;
	if (owner) {
		const id = Number(execFileSync('id', ['-u', owner], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', owner], { encoding: 'utf8' }).trim());
		chownSync(dir, id, gid);
	}
	const data = join(dir, 'data');
	const user = owner ?? userInfo().username;
	run(owner, join(bin, 'initdb'), [
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		user,
		'--no-sync',
		'-E',
		'UTF8',
		'--locale=C'
	]);
	// A port number only names the socket file here (no TCP); still, one per cluster.
	const port = 20000 + ((process.pid * 7 + counter++) % 20000);
	run(owner, join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-w',
		'-l',
		join(dir, 'log'),
		'-o',
		[`-k ${dir} -p ${port} -c listen_addresses=''`, ...(options.settings ?? FAST).map((s) => `-c ${s}`)].join(
			' '
		),
		'start'
	]);
	const url = (database: string) =>
		`postgres://${encodeURIComponent(user)}@/${database}?host=${encodeURIComponent(dir)}&port=${port}`;
	let databases = 0;
	return {
		url,
		createDatabase(from) {
			const name = `kita_${process.pid}_${++databases}`;
			const template = from ? /\/(\w+)\?/.exec(from)?.[1] : 'template0';
			if (!template) throw new Error(`${from} names no database of this cluster`);
			run(owner, join(bin, 'psql'), [
				'-h',
				dir,
				'-p',
				String(port),
				'-d',
				'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
			]);
			return url(name);
		},
		stop() {
			try {
				run(owner, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
