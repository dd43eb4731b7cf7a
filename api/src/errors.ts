import { noticeText, secretRedactor } from '../../core/src/untrusted';

/** What went wrong with a request, in the terms a user can act on. */
export type ApiErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'tls'
  | 'ca_file'
  | 'redirect'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'rate_limited'
  | 'server'
  | 'malformed';

/** The one error type the API client throws. Its message never contains the token. */
export class TinyforgeApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The HTTP status, when an answer came. */
    readonly status?: number,
    /** The server's error code (`sync_in_progress`, `stale`, `invalid_path`…), when it sent one. */
    readonly code?: string,
    /** Seconds the server asked us to wait (`Retry-After`), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TinyforgeApiError';
  }
}

const tlsCodes = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** The kind of a failure that happened before any answer (DNS, refused, reset, TLS). */
export function transportErrorKind(error: unknown): ApiErrorKind {
  let current = error as { code?: string; cause?: unknown; errno?: string } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.code && tlsCodes.has(current.code)) return 'tls';
    current = current.cause as typeof current;
  }
  return 'unreachable';
}

/** The kind for an HTTP error status. */
export function statusErrorKind(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'rate_limited';
  return 'server';
}

/**
 * Removes every occurrence of a secret (as it is, and percent-encoded) from a text, shows control characters as
 * escapes, and keeps it to one line of at most 240 bytes.
 */
export function redact(text: string, secrets: readonly string[]): string {
  // Redacted before anything is cut: a cut through the token would leave its first characters.
  const oneLine = secretRedactor(secrets)(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const clean = noticeText(oneLine, 4096);
  const bytes = new TextEncoder().encode(clean);
  if (bytes.length <= 240) return clean;
  // Cut on a character boundary: decoding a truncated buffer drops a partial trailing character.
  return `${new TextDecoder().decode(bytes.slice(0, 237)).replace(/\uFFFD$/, '')}...`;
}
