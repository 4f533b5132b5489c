// A Svelte action for boxes that may scroll sideways (wide tables on narrow screens): the box can
// always take the keyboard focus (so it can be scrolled with the arrow keys, WCAG 2.1.1) and is a
// region named after its table's caption. Always, not only while it overflows: content that
// arrives later would otherwise leave a scrolling box without keyboard access until a resize.
export function scrollRegion(node: HTMLElement): { destroy(): void } {
	node.tabIndex = 0;
	node.setAttribute('role', 'region');
	const name = () => {
		const caption = node.querySelector('caption')?.textContent?.trim();
		if (caption) node.setAttribute('aria-label', caption);
	};
	const observer = new MutationObserver(name);
	observer.observe(node, { childList: true, subtree: true, characterData: true });
	name();
	return { destroy: () => observer.disconnect() };
}
