import { describe, expect, it } from 'vitest';
import { BUCKET_KEYS, bucketOf, freeByBucket } from './buckets';

describe('buckets', () => {
	it('are the age band at the start date and the weekly hours', () => {
		expect(bucketOf('2024-08-02', '2027-08-01', 25)).toBe('u3:25');
		expect(bucketOf('2024-08-01', '2027-08-01', 45)).toBe('ue3:45');
		expect(BUCKET_KEYS).toHaveLength(6);
	});

	it('count free places as places minus contracts minus open offers, never below zero', () => {
		expect(
			freeByBucket([
				{ ageBand: 'u3', weeklyHours: 35, places: 10, contracted: 6, offered: 1 },
				{ ageBand: 'ue3', weeklyHours: 45, places: 4, contracted: 5, offered: 0 },
				{ ageBand: 'ue3', weeklyHours: 25, places: 3, contracted: 0, offered: 0 }
			])
		).toEqual({ 'u3:35': 3, 'ue3:45': 0, 'ue3:25': 3 });
	});
});
