// Straight-line distance for "sort by distance from a postcode" (no routing service: no third party).
export interface Point {
	lat: number;
	lon: number;
}

const EARTH_RADIUS_KM = 6371;

export function distanceKm(a: Point, b: Point): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
