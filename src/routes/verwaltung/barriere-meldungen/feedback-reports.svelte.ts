// The state of the admins' list of accessibility feedback: read online through tRPC (the entries
// hold senders' names and addresses, which never go into the device's database), filtered by
// status, and closed one by one.
import { accountErrorText } from '$lib/client/account-errors';
import { toCallError } from '$lib/client/auth';
import { trpc } from '$lib/client/trpc';

export type FeedbackReport = Awaited<ReturnType<typeof trpc.feedback.list.query>>[number];
/** The router's status filter (a change there fails the typecheck of `load`). */
export const STATUS_FILTERS = ['open', 'handled', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function isStatusFilter(value: string | null): value is StatusFilter {
	return (STATUS_FILTERS as readonly (string | null)[]).includes(value);
}

/** What went wrong, as a text: without a connection the office pages' usual hint. */
function failureText(error: unknown, offlineText: string): string {
	const failure = toCallError(error);
	return failure.code === 'offline' || failure.code === 'network'
		? offlineText
		: accountErrorText(failure.code, failure.retryAfter);
}

export class FeedbackReports {
	entries = $state<FeedbackReport[]>([]);
	/** The filter the shown entries were read with (the form's value may have changed since). */
	shownStatus = $state<StatusFilter>('open');
	loaded = $state(false);
	loading = $state(false);
	/** Why the list could not be read; empty when it could. */
	loadError = $state('');

	constructor(private readonly offlineText: () => string) {}

	async load(status: StatusFilter): Promise<void> {
		if (!navigator.onLine) {
			this.loadError = this.offlineText();
			return;
		}
		this.loading = true;
		try {
			this.entries = await trpc.feedback.list.query({ status });
			this.shownStatus = status;
			this.loadError = '';
			this.loaded = true;
		} catch (error) {
			this.loadError = failureText(error, this.offlineText());
		} finally {
			this.loading = false;
		}
	}

	/** Closes one entry and reads the list again; the error text when that failed. */
	async markHandled(entry: FeedbackReport): Promise<{ ok: true } | { ok: false; error: string }> {
		try {
			await trpc.feedback.markHandled.mutate({ id: entry.id });
		} catch (error) {
			return { ok: false, error: failureText(error, this.offlineText()) };
		}
		await this.load(this.shownStatus);
		return { ok: true };
	}
}
