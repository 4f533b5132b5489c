// Pull cookies: opaque to clients, they carry the scope they were made for and the last seq seen.
import { z } from 'zod';

const cookieSchema = z.object({ v: z.literal(1), scope: z.string(), seq: z.int().nonnegative() });
export type Cookie = z.infer<typeof cookieSchema>;

export function encodeCookie(scope: string, seq: number): string {
	return Buffer.from(JSON.stringify({ v: 1, scope, seq } satisfies Cookie)).toString('base64url');
}

/**
 * Returns null for anything the server cannot serve: malformed, foreign, from the future, or older
 * than deletions the server no longer keeps (`prunedThrough`: the highest seq of the pruned
 * sync_deletions) — that device may have missed one, so it starts again from a reset.
 */
export function decodeCookie(
	raw: string | null,
	scope: string,
	currentSeq: number,
	prunedThrough = 0
): Cookie | null {
	if (!raw) return null;
	try {
		const parsed = cookieSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
		if (!parsed.success) return null;
		const { seq } = parsed.data;
		if (parsed.data.scope !== scope || seq > currentSeq || seq < prunedThrough) return null;
		return parsed.data;
	} catch {
		return null;
	}
}
