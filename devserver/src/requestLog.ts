/** How long a logged request target may be: a log line stays one readable line. */
const maxLoggedTarget = 200;

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds a secret however a client wrote it: plainly, percent-encoded, or any mix of both (hex in either case). */
function secretPattern(secret: string): RegExp {
  const alternatives = [...secret].map((character) => {
    const escapes = [...new TextEncoder().encode(character)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    return `(?:${escapeForPattern(character)}|${escapes})`;
  });
  return new RegExp(alternatives.join(''), 'gi');
}

/** Replaces every known secret in a text meant for the log, in whatever encoding a request carried it. */
export function redactForLog(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret) clean = clean.replace(secretPattern(secret), '***');
  return clean;
}

/** A request target as the log shows it: secrets redacted, control characters escaped, one line, cut at 200 characters. */
export function loggedTarget(rawTarget: string | undefined, secrets: readonly string[]): string {
  const escaped = JSON.stringify(redactForLog(rawTarget ?? '', secrets)).slice(1, -1);
  return escaped.length > maxLoggedTarget ? `${escaped.slice(0, maxLoggedTarget)}…` : escaped;
}
