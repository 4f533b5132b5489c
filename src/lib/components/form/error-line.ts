// One line of an error summary: the field's label, then the message. A label that is a sentence of
// its own (it ends with a full stop, question mark or colon) gets no second colon — "…
// unterschrieben.: Bitte …" read as a typo.
export const errorLine = (label: string, message: string): string =>
	!label ? message : /[.!?:;…。؟！？：]$/u.test(label) ? `${label} ${message}` : `${label}: ${message}`;
