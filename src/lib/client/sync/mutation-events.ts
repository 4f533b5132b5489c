// The engine's push trigger: the mutation side tells it that a change was queued. Apart from
// replay.ts so that the mutation side imports nothing that imports it back.

let afterWrite: () => void = () => {};

/** The engine registers its push trigger here. */
export function onMutation(listener: () => void): void {
	afterWrite = listener;
}

export function mutationWritten(): void {
	afterWrite();
}
