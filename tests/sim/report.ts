// The simulation's figures as a markdown table and as SVG charts (hand-written SVG, no library).
import type { Regime, RegimeResult, SimulationResult } from './regimes';

export const REGIME_LABELS: Record<Regime, string> = {
	today: 'Today (several offers held, 14 days)',
	oneHeld: 'One held offer',
	rounds: 'Rounds (deferred acceptance, weekly)'
};

const SHORT_LABELS: Record<Regime, string> = { today: 'Today', oneHeld: 'One held offer', rounds: 'Rounds' };

const COLOURS: Record<Regime, string> = { today: '#b03a2e', oneHeld: '#b9770e', rounds: '#1f618d' };

function percent(x: number): string {
	return `${(x * 100).toFixed(1)} %`;
}

function thousands(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The table of the figures per regime, the same for the same seed. */
export function markdownTable(result: SimulationResult): string {
	const head = [
		'Regime',
		'Days until 95 % filled',
		'Place-days blocked (declined, lapsed, released)',
		'Children with justified envy',
		'Legal claim, no place',
		'Placed at first choice',
		'Placed',
		'Offers made',
		'Offers released'
	];
	const row = (r: RegimeResult): string[] => [
		REGIME_LABELS[r.regime],
		r.daysTo95 === null ? 'not reached' : String(r.daysTo95),
		thousands(r.blockedPlaceDays),
		thousands(r.justifiedEnvy),
		thousands(r.legalClaimUnplaced),
		percent(r.firstChoiceShare),
		thousands(r.placed),
		thousands(r.offers),
		thousands(r.released)
	];
	const rows = [head, ...result.regimes.map(row)];
	// Padded as prettier pads a markdown table, so the written README stays as prettier leaves it.
	const widths = head.map((_, i) => Math.max(3, ...rows.map((cells) => (cells[i] ?? '').length)));
	const line = (cells: string[]): string =>
		`| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	const [first, ...rest] = rows;
	return [line(first ?? []), line(widths.map((n) => '-'.repeat(n))), ...rest.map(line)].join('\n');
}

export function summary(result: SimulationResult): string {
	return (
		`Seed ${result.seed}: ${result.kitas} Kitas, ${thousands(result.children)} children, ` +
		`${thousands(result.places)} free places, of which ${thousands(result.fillable)} can be filled ` +
		`(a stable matching of the children who stay); ${result.days} days from the first offers to the start date.`
	);
}

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FONT = 'font-family="system-ui, sans-serif" font-size="13"';

/** Places filled day by day, as a share of the fillable places, one line per regime. */
export function fillChart(result: SimulationResult): string {
	const width = 720;
	const height = 360;
	const left = 56;
	const right = 20;
	const top = 40;
	const bottom = 48;
	const w = width - left - right;
	const h = height - top - bottom;
	const days = Math.min(result.days, 120);
	const x = (d: number): number => left + (d / days) * w;
	const y = (share: number): number => top + (1 - Math.min(1, share)) * h;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="fill-title">`,
		`<title id="fill-title">Places filled per day under each regime (seed ${result.seed})</title>`,
		`<rect width="${width}" height="${height}" fill="#fff"/>`,
		`<text x="${left}" y="24" ${FONT} font-weight="600">Places filled (final acceptances), first ${days} of ${result.days} days of the season, seed ${result.seed}</text>`
	);
	for (let s = 0; s <= 100; s += 25) {
		parts.push(
			`<line x1="${left}" x2="${left + w}" y1="${y(s / 100)}" y2="${y(s / 100)}" stroke="#ddd"/>`,
			`<text x="${left - 8}" y="${y(s / 100) + 4}" ${FONT} text-anchor="end">${s} %</text>`
		);
	}
	for (let d = 0; d <= days; d += 14) {
		parts.push(
			`<line x1="${x(d)}" x2="${x(d)}" y1="${top + h}" y2="${top + h + 5}" stroke="#333"/>`,
			`<text x="${x(d)}" y="${top + h + 20}" ${FONT} text-anchor="middle">${d}</text>`
		);
	}
	parts.push(
		`<text x="${left + w / 2}" y="${height - 8}" ${FONT} text-anchor="middle">days from the first day of offers</text>`,
		`<line x1="${left}" x2="${left + w}" y1="${y(0.95)}" y2="${y(0.95)}" stroke="#555" stroke-dasharray="4 4"/>`,
		`<text x="${left + 6}" y="${y(0.95) - 5}" ${FONT}>95 %</text>`,
		`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + h}" stroke="#333"/>`,
		`<line x1="${left}" x2="${left + w}" y1="${top + h}" y2="${top + h}" stroke="#333"/>`
	);
	result.regimes.forEach((r, i) => {
		const points = r.curve
			.slice(0, days + 1)
			.map((share, d) => `${x(d).toFixed(1)},${y(share).toFixed(1)}`)
			.join(' ');
		parts.push(
			`<polyline points="${points}" fill="none" stroke="${COLOURS[r.regime]}" stroke-width="2.5"/>`,
			`<rect x="${left + w - 210}" y="${top + h - 80 + i * 20}" width="14" height="4" fill="${COLOURS[r.regime]}"/>`,
			`<text x="${left + w - 190}" y="${top + h - 74 + i * 20}" ${FONT}>${escape(SHORT_LABELS[r.regime])}${
				r.daysTo95 === null ? '' : `: 95 % on day ${r.daysTo95}`
			}</text>`
		);
	});
	parts.push('</svg>');
	return parts.join('\n') + '\n';
}

interface Panel {
	title: string;
	value: (r: RegimeResult) => number;
	format: (n: number) => string;
}

/** One small bar chart per figure, the three regimes side by side. */
export function figuresChart(result: SimulationResult): string {
	const panels: Panel[] = [
		{ title: 'Days until 95 % filled', value: (r) => r.daysTo95 ?? result.days, format: String },
		{ title: 'Place-days blocked', value: (r) => r.blockedPlaceDays, format: thousands },
		{ title: 'Children with justified envy', value: (r) => r.justifiedEnvy, format: thousands },
		{ title: 'Legal claim, no place', value: (r) => r.legalClaimUnplaced, format: thousands },
		{
			title: 'Placed at first choice',
			value: (r) => r.firstChoiceShare * 100,
			format: (n) => `${n.toFixed(1)} %`
		}
	];
	const panelWidth = 200;
	const width = panelWidth * panels.length + 20;
	const height = 300;
	const top = 60;
	const barArea = 170;
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="figures-title">`,
		`<title id="figures-title">The figures of the three regimes (seed ${result.seed})</title>`,
		`<rect width="${width}" height="${height}" fill="#fff"/>`,
		`<text x="20" y="24" ${FONT} font-weight="600">Today, one held offer and rounds compared, seed ${result.seed}</text>`
	];
	result.regimes.forEach((r, i) =>
		parts.push(
			`<rect x="${20 + i * 170}" y="${height - 22}" width="12" height="12" fill="${COLOURS[r.regime]}"/>`,
			`<text x="${38 + i * 170}" y="${height - 12}" ${FONT}>${escape(SHORT_LABELS[r.regime])}</text>`
		)
	);
	panels.forEach((panel, p) => {
		const x0 = 20 + p * panelWidth;
		const max = Math.max(1, ...result.regimes.map(panel.value));
		parts.push(
			`<text x="${x0 + 80}" y="${top - 14}" ${FONT} text-anchor="middle">${escape(panel.title)}</text>`
		);
		parts.push(
			`<line x1="${x0}" x2="${x0 + 160}" y1="${top + barArea}" y2="${top + barArea}" stroke="#333"/>`
		);
		result.regimes.forEach((r, i) => {
			const value = panel.value(r);
			const bh = (value / max) * (barArea - 20);
			const bx = x0 + 10 + i * 50;
			parts.push(
				`<rect x="${bx}" y="${(top + barArea - bh).toFixed(1)}" width="40" height="${bh.toFixed(1)}" fill="${COLOURS[r.regime]}"/>`,
				`<text x="${bx + 20}" y="${(top + barArea - bh - 5).toFixed(1)}" ${FONT} text-anchor="middle">${panel.format(value)}</text>`
			);
		});
	});
	parts.push('</svg>');
	return parts.join('\n') + '\n';
}
