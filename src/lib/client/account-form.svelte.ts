// State of one account form: validation with the shared zod schema before sending, field errors
// and a form-level error (translated codes), and a busy flag. Values stay as typed on any error.
// The schema (and zod with it) loads at the first submit, so that the page paints without it.
import type { z } from 'zod';
import { fieldErrors, type AccountErrorCode } from '$lib/domain/account-codes';
import { accountErrorText } from './account-errors';
import { toCallError, type CallError } from './auth';

type AccountSchemas = typeof import('$lib/domain/account');

/** A loader of one shared account schema for `AccountForm.submit`: `accountSchema('loginSchema')`. */
export function accountSchema<K extends keyof AccountSchemas>(name: K): () => Promise<AccountSchemas[K]> {
	return async () => (await import('$lib/domain/account'))[name];
}

export interface SummaryEntry {
	fieldId: string;
	label: string;
	message: string;
}

export class AccountForm {
	errors = $state<Record<string, AccountErrorCode>>({});
	failure = $state<CallError | null>(null);
	busy = $state(false);
	/** A submit is between its start and the end of validation (the schema may still be loading). */
	#validating = false;

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
	 * Validates `values` with `schema` — or the schema a loader resolves to, e.g.
	 * `accountSchema('loginSchema')`, for pages that paint without zod — then runs `action` with the
	 * parsed input. Returns true when the action succeeded; errors land in `errors` / `failure`. A
	 * submit while another one validates or runs is ignored (returns false).
	 */
	async submit<S extends z.ZodType>(
		schema: S | (() => Promise<S>),
		values: unknown,
		action: (input: z.output<S>) => Promise<unknown>
	): Promise<boolean> {
		if (this.busy || this.#validating) return false;
		this.#validating = true;
		this.failure = null;
		let parsed: z.ZodSafeParseResult<z.output<S>>;
		try {
			parsed = (typeof schema === 'function' ? await schema() : schema).safeParse(values);
		} catch {
			// The schema's chunk did not load (the network went away): a form-level error.
			this.failure = { code: navigator.onLine ? 'network' : 'offline', fields: {} };
			return false;
		} finally {
			this.#validating = false;
		}
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
