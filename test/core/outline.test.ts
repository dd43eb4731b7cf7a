import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLineIndex, foldingRegionsOf, outlineOf, parseConfig, type OutlineSymbol } from '../../core/src/index';

const text = 'version: 1\ndeploy:\n  port: 8080\n  deploy_strategy: recreate\n  resources:\n    cpu_limit: 0.5\n    memory_limit: 512\n';

function names(symbols: OutlineSymbol[]): unknown[] {
  return symbols.map((symbol) => (symbol.children.length ? [symbol.name, names(symbol.children)] : `${symbol.name}=${symbol.detail}:${symbol.kind}`));
}

describe('outline and folding', () => {
  test('symbols nest like the file, with values and kinds', () => {
    assert.deepEqual(names(outlineOf(parseConfig(text))), [
      'version=1:number',
      ['deploy', ['port=8080:number', 'deploy_strategy=recreate:enum', ['resources', ['cpu_limit=0.5:number', 'memory_limit=512:number']]]],
    ]);
  });

  test('each multi-line mapping folds from its key to its last line', () => {
    const index = createLineIndex(text);
    const lines = foldingRegionsOf(parseConfig(text)).map((region) => [index.positionAt(region.start).line, index.positionAt(region.end).line]);
    assert.deepEqual(lines, [[1, 6], [4, 6]]);
  });

  test('a broken file still has an outline of what parsed', () => {
    assert.deepEqual(names(outlineOf(parseConfig('version: 1\ndeploy:\n  port: [\n'))).slice(0, 1), ['version=1:number']);
  });
});
