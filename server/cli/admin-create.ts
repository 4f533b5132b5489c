// `npm run admin:create -- --email a@b.de [--first-name Vorname] [--last-name Nachname]`:
// creates the first admin of an empty system and prints a set-password link (valid 72 hours).
import { parseArgs } from 'node:util';
import { emailSchema } from '../../src/lib/domain/account';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { inviteAccount } from '../commands/accounts/invitations';
import { SYSTEM_ACTOR } from '../commands/context';
import { runCommand } from '../commands/run';
import { links } from '../services/accounts/links';

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		'first-name': { type: 'string', default: 'Admin' },
		'last-name': { type: 'string', default: 'Kreisjugendamt' }
	}
});

const email = emailSchema.safeParse(values.email ?? '');
if (!email.success) {
	console.error('Usage: npm run admin:create -- --email name@example.org [--first-name …] [--last-name …]');
	process.exit(2);
}

// No demo data here: this is how a production system gets its first admin.
const app = await createApp({ ...loadConfig(), demoData: false, smtpUrl: null });
try {
	const admins = await app.database.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
	if (admins.length > 0) {
		console.error(
			'There is already an admin account. Admins invite further admins at /verwaltung/konten; nothing changed.'
		);
		process.exitCode = 1;
	} else {
		const { token } = await runCommand(app, SYSTEM_ACTOR, (ctx) =>
			inviteAccount(ctx, {
				email: email.data,
				firstName: values['first-name'] ?? 'Admin',
				lastName: values['last-name'] ?? 'Kreisjugendamt',
				role: 'admin',
				facilityIds: []
			})
		);
		console.log(`Admin account created for ${email.data}.`);
		console.log('Set the password with this link (valid 72 hours; also in the mail outbox):');
		console.log(links.invite(app.config.origin, token));
	}
} finally {
	app.stopJobs();
	await app.database.close();
}
