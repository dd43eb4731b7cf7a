import type { IncomingMessage, ServerResponse } from 'node:http';
import { redact } from '../../api/src/index';
import { maxFileBytes } from '../../core/src/index';

/** An error answer: status, stable code and a one-line message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** Sends `{ error, message }` with every known token redacted, on one line of at most 240 bytes. */
export function sendError(response: ServerResponse, error: HttpError, secrets: readonly string[]): void {
  sendJson(response, error.status, { error: error.code, message: redact(error.message, secrets) });
}

/** Reads a JSON request body (at most 64 KiB); an empty body is `{}`. */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxFileBytes) throw new HttpError(413, 'too_large', 'the request body is over 64 KiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_request', 'the request body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'the request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The bearer token of a request, if any. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
