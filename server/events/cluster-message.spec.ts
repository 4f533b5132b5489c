import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessages, MAX_PAYLOAD_BYTES } from './cluster-message';
import { EVERYONE } from './node-events';

const NODE = '4f1c1b7e-9d0a-4c39-8b9e-0a1b2c3d4e5f';
const ids = (n: number) =>
	Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('cluster messages', () => {
	it('sends a short list as one message that decodes to the same ids', () => {
		const payloads = encodeMessages(NODE, 'poke', ['a', 'b']);
		expect(payloads).toHaveLength(1);
		expect(decodeMessage(payloads[0])).toEqual({ node: NODE, kind: 'poke', ids: ['a', 'b'] });
	});

	it('splits a long list into payloads under the limit, losing and repeating no id', () => {
		const all = ids(1000);
		const payloads = encodeMessages(NODE, 'poke', all);
		expect(payloads.length).toBeGreaterThan(1);
		for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
		expect(payloads.flatMap((p) => decodeMessage(p)?.ids ?? [])).toEqual(all);
	});

	it('fills each payload up to the limit exactly, counting multi-byte characters as bytes', () => {
		const all = ['ä'.repeat(10), 'ö'.repeat(10), 'ü'.repeat(10)];
		const one = encodeMessages(NODE, 'ended', all.slice(0, 2))[0] ?? '';
		// Exactly two ids fit: the third starts a payload of its own.
		const payloads = encodeMessages(NODE, 'ended', all, Buffer.byteLength(one));
		expect(payloads.map((p) => decodeMessage(p)?.ids)).toEqual([all.slice(0, 2), all.slice(2)]);
	});

	it('widens an id that could never fit to everyone (more pulls, never a missed one)', () => {
		const payloads = encodeMessages(NODE, 'poke', ['x'.repeat(200), 'a'], 120);
		expect(payloads.flatMap((p) => decodeMessage(p)?.ids ?? [])).toEqual([EVERYONE, 'a']);
	});

	it('sends nothing for no ids', () => {
		expect(encodeMessages(NODE, 'poke', [])).toEqual([]);
	});

	it.each([
		undefined,
		'',
		'not json',
		'null',
		'{"node":1,"kind":"poke","ids":[]}',
		'{"node":"n","kind":"drop","ids":[]}',
		'{"node":"n","kind":"poke","ids":[1]}'
	])('ignores a payload that is not one of ours: %s', (payload) => {
		expect(decodeMessage(payload)).toBeNull();
	});
});
