import { parseDocument } from 'yaml';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';
import validateV1 from '../core/src/generated/validateV1';
import type { BenchDocument } from './documents';

// The bundle the server loads, so the bench times what ships (built by `npm run bench` before it runs).
const { lintText } = require(join(repoRoot, 'dist/core.js')) as typeof import('../core/src/index');
// The build that ships inside dist/core.js: yaml's ES module build, without the Node build's `process.env` read per token.
const shippedYaml = require(join(repoRoot, 'node_modules/yaml/browser/index.js')) as typeof import('yaml');

/** Lints a document with the shipped core `iterations` times in process, alternating it with its twin, and returns each call's time in microseconds. */
export function timeLint(document: BenchDocument, iterations: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = i % 2 === 0 ? document.text : document.twin;
    const started = performance.now();
    lintText(text);
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

/** Which `yaml` build a floor parses with: the package's Node entry (`import 'yaml'`), or the ES module build the core ships with. */
export type FloorBuild = 'node' | 'shipped';

/** The floor the core budget was set against, timed like `timeLint`: `yaml` parse to JS plus the compiled ajv validator, nothing else. */
export function timeFloor(document: BenchDocument, iterations: number, build: FloorBuild): number[] {
  const parse = build === 'node' ? parseDocument : shippedYaml.parseDocument;
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = i % 2 === 0 ? document.text : document.twin;
    const started = performance.now();
    validateV1(parse(text, { uniqueKeys: false }).toJS());
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

/** Throws unless the core finds nothing in the valid documents and something in the invalid one, so the bench times the paths it claims to. */
export function checkCoreVerdicts(documents: readonly BenchDocument[]): void {
  for (const document of documents) {
    const findings = lintText(document.text).findings;
    if (document.valid !== (findings.length === 0)) {
      throw new Error(`core finds ${findings.length} problem(s) in the ${document.valid ? 'valid' : 'invalid'} document "${document.name}": ${findings.map((f) => f.code).join(', ')}`);
    }
  }
}
