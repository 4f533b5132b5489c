// One line of an error summary: the field's label, then the message. A label that is a sentence of
// its own (it ends with a full stop, question mark or colon) is not followed by a second colon —
// "… unterschrieben.: Bitte …" read as a typo.

const ENDS_SENTENCE = /[.!?:;…。؟！？：]$/u;

export function errorLine(label: string, message: string): string {
	const name = label.trim();
	if (!name) return message;
	return ENDS_SENTENCE.test(name) ? `${name} ${message}` : `${name}: ${message}`;
}
