import { validateConfig } from './validate';
import type { Finding } from './findings';
import type { Locale } from './messages';
import { decodeConfigBytes } from './bytes';
import { parseConfig, type ParsedConfig } from './parse';

/** A parsed text and its findings: what the server caches and what the CLI prints. */
export interface LintResult {
  parsed: ParsedConfig;
  findings: Finding[];
}

/** Parses and validates a text in one call; the entry point the server and the CLI share. */
export function lintText(text: string, locale: Locale = 'en'): LintResult {
  const parsed = parseConfig(text);
  return { parsed, findings: validateConfig(parsed, { locale }) };
}

/** Lints a file's raw bytes: the 64 KiB cap counts them, a BOM is dropped as the editor drops it, and bytes that are not UTF-8 are a `yaml-syntax` finding. */
export function lintBytes(bytes: Uint8Array, locale: Locale = 'en'): LintResult {
  const { text, byteLength, encodingProblem } = decodeConfigBytes(bytes);
  const parsed = parseConfig(text, { byteLength, encodingProblem });
  return { parsed, findings: validateConfig(parsed, { locale }) };
}
