// What the API server is configured with; every limit has a name and a default here.

import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../extract/index.js';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from '../ingest/fetch.js';

export interface ServerConfig {
  /** SHA-256 of the bearer token writes must present (see auth.ts setupToken). */
  readonly tokenHash: Buffer;
  /** Largest request body accepted, in bytes; larger ones get 413 before they are read. */
  readonly maxBodyBytes: number;
  /** Let submitted URLs reach private, loopback and link-local addresses (--allow-private). */
  readonly allowPrivateFetch: boolean;
  /** Deadline, size and redirect caps for fetching submitted URLs (allowPrivate comes from allowPrivateFetch). */
  readonly fetch: Omit<FetchLimits, 'allowPrivate'>;
  /** Largest article the extractor accepts. */
  readonly input: InputLimits;
  /** Where unexpected errors are written (with their stack; responses never carry it). */
  readonly log: (message: string) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export type ServerConfigInput = Partial<Omit<ServerConfig, 'tokenHash' | 'fetch'>> & {
  readonly tokenHash: Buffer;
  readonly fetch?: Partial<Omit<FetchLimits, 'allowPrivate'>>;
};

export function resolveConfig(input: ServerConfigInput): ServerConfig {
  const { allowPrivate: _ignored, ...fetchDefaults } = DEFAULT_FETCH_LIMITS;
  return {
    tokenHash: input.tokenHash,
    maxBodyBytes: input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    allowPrivateFetch: input.allowPrivateFetch ?? false,
    fetch: { ...fetchDefaults, ...(input.fetch ?? {}) },
    input: input.input ?? DEFAULT_INPUT_LIMITS,
    log: input.log ?? ((m) => process.stderr.write(m + '\n')),
  };
}

export function fetchLimits(config: ServerConfig): FetchLimits {
  return { ...config.fetch, allowPrivate: config.allowPrivateFetch };
}

/** What every handler is built with. */
export interface ApiDeps {
  readonly store: import('../store/store.js').Store;
  readonly config: ServerConfig;
  /** The job queue (PostgreSQL only): URL submissions go to workers while some are alive. */
  readonly queue?: import('../queue/queue.js').JobQueue;
}
