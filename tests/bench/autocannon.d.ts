// The part of autocannon's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
	export interface RawRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	}
	export interface RequestSpec extends RawRequest {
		setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
		onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
	}
	export interface Options {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		pipelining?: number;
		timeout?: number;
		requests?: RequestSpec[];
	}
	export interface Histogram {
		average: number;
		mean: number;
		p50: number;
		p90: number;
		p99: number;
		max: number;
		total: number;
	}
	export interface Result {
		requests: Histogram;
		latency: Histogram;
		throughput: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		'2xx': number;
		duration: number;
	}
	export default function autocannon(options: Options): Promise<Result>;
}
