import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFile } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What happened to the cache on one load: the figures `npm run bench` and the tests read. */
export type CodeCacheOutcome = 'off' | 'used' | 'written' | 'rejected-and-rewritten';

/** A loaded bundle's exports and what the cache did. */
export interface LoadedBundle {
  exports: unknown;
  cache: CodeCacheOutcome;
}

// Same shape as Node's CommonJS wrapper; the line break and lineOffset -1 keep stack positions those of the file.
const wrapperStart = '(function (exports, require, module, __filename, __dirname) {\n';
const wrapperEnd = '\n})';

/** The cache file for this exact source and V8: V8 checks only the source's length, so its content picks the name. */
function cacheFileFor(file: string, source: string, cacheDir: string): string {
  const key = createHash('sha256').update(source).update(process.versions.v8).update(process.arch).digest('hex').slice(0, 16);
  return join(cacheDir, `${basename(file)}.${key}.v8cache`);
}

// Written beside and renamed into place, so two servers starting at once never read half a file.
function writeCache(cacheFile: string, data: Buffer): void {
  const cacheDir = dirname(cacheFile);
  const prefix = `${basename(cacheFile).split('.').slice(0, -2).join('.')}.`;
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch {
    return;
  }
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFile(temporary, data, (error) => {
    if (error) return;
    try {
      renameSync(temporary, cacheFile);
      // Caches of earlier versions of the bundle are never read again.
      for (const name of readdirSync(cacheDir)) {
        if (name.startsWith(prefix) && name.endsWith('.v8cache') && name !== basename(cacheFile)) unlinkSync(join(cacheDir, name));
      }
    } catch {
      // A cache that cannot be kept only costs the next start its speed.
    }
  });
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * Loads a CommonJS bundle as `require` would, but keeps V8's compiled code for it in `cacheDir` between starts
 * (Node 20 has no `module.enableCompileCache`); a missing, foreign or corrupt cache only means compiling as usual.
 * Without a `cacheDir` this is plain `require`.
 */
export function loadBundle(file: string, cacheDir: string | undefined): LoadedBundle {
  if (!cacheDir) return { exports: require(file), cache: 'off' };
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(file, source, cacheDir);
  const cachedData = readCache(cacheFile);
  const script = new Script(wrapperStart + source + wrapperEnd, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'used' };
  // Made after the run, so it holds the functions start-up compiled, not only the top level.
  writeCache(cacheFile, script.createCachedData());
  return { exports: module.exports, cache: cachedData ? 'rejected-and-rewritten' : 'written' };
}
