/** A request target that is a plain origin-form path, split into decoded segments. */
export interface PlainTarget {
  ok: true;
  /** The path as sent (still percent-encoded), e.g. `/api/workloads/wl_shop`. */
  path: string;
  /** The path's segments, percent-decoded; a trailing `/` adds no segment. */
  segments: string[];
  /** The query as sent, without the `?` ("" when there is none); no route reads it. */
  query: string;
}

/** Why a request target was refused. */
export interface RefusedTarget {
  ok: false;
  reason: string;
}

// RFC 3986 pchar (unreserved, sub-delims, ':', '@') or a percent sign; percent-escapes are checked separately.
const pathCharacters = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const queryCharacters = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;
const validEscapes = /^(?:[^%]|%[0-9A-Fa-f]{2})*$/;
const controlCharacter = /[\u0000-\u001f\u007f]/;

function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    // Escapes that are not UTF-8 (`%E0%A4%A`, `%FF`).
    return undefined;
  }
}

/**
 * Parses a request target as the API accepts it: an origin-form path (`/api/…`, optional `?query`) with no empty
 * segment, valid UTF-8 percent-escapes and no control characters once decoded. Absolute-form (`http://host/…`),
 * `//host`-like paths, `*` and anything a URL parser would read as another host are refused, never thrown.
 */
export function parseRequestTarget(raw: string | undefined): PlainTarget | RefusedTarget {
  const target = raw ?? '';
  if (!target.startsWith('/')) return { ok: false, reason: 'the request target must be a path starting with /' };
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt + 1);
  if (!pathCharacters.test(path) || !queryCharacters.test(query)) return { ok: false, reason: 'the request target has characters a path may not hold' };
  if (!validEscapes.test(path) || !validEscapes.test(query)) return { ok: false, reason: 'the request target has a broken percent-escape' };
  const parts = path.slice(1).split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.some((part) => part === '') && path !== '/') return { ok: false, reason: 'the request path has an empty segment (//)' };
  const segments: string[] = [];
  for (const part of path === '/' ? [] : parts) {
    const decoded = decodedOrUndefined(part);
    if (decoded === undefined) return { ok: false, reason: 'the request path has percent-escapes that are not UTF-8' };
    if (controlCharacter.test(decoded)) return { ok: false, reason: 'the request path holds a control character' };
    segments.push(decoded);
  }
  const decodedQuery = decodedOrUndefined(query.replace(/\+/g, ' '));
  if (decodedQuery === undefined) return { ok: false, reason: 'the query has percent-escapes that are not UTF-8' };
  if (controlCharacter.test(decodedQuery)) return { ok: false, reason: 'the query holds a control character' };
  return { ok: true, path, segments, query };
}
