// State of one account form: validation with the shared zod schema before sending, field errors
// and a form-level error (translated codes), and a busy flag. Values stay as typed on any error.
import type { z } from 'zod';
import { fieldErrors, type AccountErrorCode } from '$lib/domain/account';
import { accountErrorText } from './account-errors';
import { toCallError, type CallError } from './auth';

export interface SummaryEntry {
	fieldId: string;
	label: string;
	message: string;
}

export class AccountForm {
	errors = $state<Record<string, AccountErrorCode>>({});
	failure = $state<CallError | null>(null);
	busy = $state(false);

	/**
	 * @param prefix makes field ids unique on the page (`${prefix}-${field}`)
	 * @param labels field → label, in the order of the form (for the error summary)
	 */
	constructor(
		readonly prefix: string,
		private readonly labels: () => Record<string, string>
	) {}

	id(field: string): string {
		return `${this.prefix}-${field}`;
	}

	message(field: string): string {
		const code = this.errors[field];
		return code ? accountErrorText(code) : '';
	}

	get summary(): SummaryEntry[] {
		const labels = this.labels();
		return Object.keys(labels)
			.filter((field) => this.errors[field])
			.map((field) => ({
				fieldId: this.id(field),
				label: labels[field] ?? field,
				message: this.message(field)
			}));
	}

	get failureText(): string {
		return this.failure ? accountErrorText(this.failure.code, this.failure.retryAfter) : '';
	}

	/**
	 * Validates `values` with `schema`, then runs `action` with the parsed input. Returns true when
	 * the action succeeded; errors land in `errors` / `failure`.
	 */
	async submit<S extends z.ZodType>(
		schema: S,
		values: unknown,
		action: (input: z.output<S>) => Promise<unknown>
	): Promise<boolean> {
		if (this.busy) return false;
		this.failure = null;
		const parsed = schema.safeParse(values);
		if (!parsed.success) {
			this.errors = fieldErrors(parsed.error.issues);
			return false;
		}
		this.errors = {};
		this.busy = true;
		try {
			await action(parsed.data);
			return true;
		} catch (error) {
			const failure = toCallError(error);
			if (Object.keys(failure.fields).length > 0) this.errors = failure.fields;
			else this.failure = failure;
			return false;
		} finally {
			this.busy = false;
		}
	}
}
