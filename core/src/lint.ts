import { validateConfig } from './validate';
import type { Finding } from './findings';
import type { Locale } from './messages';
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
