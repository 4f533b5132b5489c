// Form submits that may wait (a schema loads at the first submit, the outbox write): a second
// submit while the first runs is ignored, so nothing is sent twice.

/** The form's `onsubmit`: prevents the browser's submit and runs `run` once at a time. */
export function oneSubmitAtATime(
	run: () => Promise<void>,
	options: { stopPropagation?: boolean } = {}
): (event: SubmitEvent) => Promise<void> {
	let busy = false;
	return async (event) => {
		event.preventDefault();
		// A form inside another one (the child form in the registration) must not submit that one.
		if (options.stopPropagation) event.stopPropagation();
		if (busy) return;
		busy = true;
		try {
			await run();
		} finally {
			busy = false;
		}
	};
}
