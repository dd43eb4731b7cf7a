import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLineIndex, type Finding } from '../../core/src/index';
import { repoRoot } from './lspClient';

/** A fixture file with the findings its `# expect` header lines call for. */
export interface DiagnosticFixture {
  name: string;
  path: string;
  text: string;
  /** Expected findings rendered as `code line:char[-line:char] [suggestion=x]` (0-based LSP positions). */
  expected: string[];
}

/** The directory of diagnostic fixtures. */
export const diagnosticFixtureDir = join(repoRoot, 'test/fixtures/diagnostics');

/** Loads every diagnostic fixture; `# expect none` means a clean file. */
export function loadDiagnosticFixtures(): DiagnosticFixture[] {
  return readdirSync(diagnosticFixtureDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const path = join(diagnosticFixtureDir, name);
      const text = readFileSync(path, 'utf8');
      const expected = [...text.matchAll(/^# expect (.+)$/gm)].map((match) => match[1].trim()).filter((line) => line !== 'none');
      return { name, path, text, expected };
    });
}

/** One finding-like record with an LSP range, as the server, the CLI and the core all can give. */
export interface RangedFinding {
  code: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  suggestion?: string;
}

/** Core findings with LSP positions, for comparison with expectations. */
export function rangedFindings(text: string, findings: readonly Finding[]): RangedFinding[] {
  const index = createLineIndex(text);
  return findings.map((finding) => ({
    code: finding.code,
    start: index.positionAt(finding.span.start),
    end: index.positionAt(finding.span.end),
    suggestion: finding.data?.suggestion,
  }));
}

function renderings(finding: RangedFinding): string[] {
  const suffix = finding.suggestion ? ` suggestion=${finding.suggestion}` : '';
  const start = `${finding.start.line}:${finding.start.character}`;
  return [`${finding.code} ${start}-${finding.end.line}:${finding.end.character}${suffix}`, `${finding.code} ${start}${suffix}`];
}

/**
 * Pairs expectations with findings one to one; an expectation without an end matches on the start only.
 * Returns what is missing and what was not expected (both empty when they agree exactly).
 */
export function compareFindings(expected: readonly string[], actual: readonly RangedFinding[]): { missing: string[]; unexpected: string[] } {
  const remaining = [...actual];
  const missing: string[] = [];
  for (const expectation of expected) {
    const index = remaining.findIndex((finding) => renderings(finding).includes(expectation));
    if (index < 0) missing.push(expectation);
    else remaining.splice(index, 1);
  }
  return { missing, unexpected: remaining.map((finding) => renderings(finding)[0]) };
}
