// A Svelte action for boxes that scroll sideways (wide tables on narrow screens): while the content
// is wider than the box, the box can take the keyboard focus (so it can be scrolled with the arrow
// keys, WCAG 2.1.1) and is a region named after its table's caption.
export function scrollRegion(node: HTMLElement): { destroy(): void } {
	const update = () => {
		const scrolls = node.scrollWidth > node.clientWidth + 1;
		if (scrolls) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			const caption = node.querySelector('caption')?.textContent?.trim();
			if (caption) node.setAttribute('aria-label', caption);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	const content = node.firstElementChild;
	if (content) observer.observe(content);
	update();
	return { destroy: () => observer.disconnect() };
}
