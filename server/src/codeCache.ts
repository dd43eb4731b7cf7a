import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFile } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** A loaded bundle's exports, and how to keep its compiled code for the next start when there was no usable cache. */
export interface LoadedBundle {
  exports: unknown;
  /**
   * Writes the cache (once; a no-op when it was used or there is no cache directory). Call it soon after start-up,
   * off the critical path and before any V8 flag changes: V8 rejects a cache made under other flags.
   */
  persist(): void;
}

// Same shape as Node's CommonJS wrapper; the line break and lineOffset -1 keep stack positions those of the file.
const wrapperStart = '(function (exports, require, module, __filename, __dirname) {\n';
const wrapperEnd = '\n})';
const digestBytes = 32;
const staleTemporaryMs = 60_000;

function sha256(...parts: Array<string | Uint8Array>): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * The cache file for this exact source, V8 and command line. V8 checks only the source's length, so the content picks
 * the name; the command line (a debug run's `--nolazy`) too, so run and debug do not keep replacing each other's cache.
 */
function cacheFileFor(file: string, source: string, cacheDir: string): string {
  const key = sha256(source, process.versions.v8, process.arch, process.execArgv.join('\0')).toString('hex').slice(0, 16);
  return join(cacheDir, `${basename(file)}.${key}.v8cache`);
}

/**
 * The cache's V8 data, if the file is whole: it starts with the SHA-256 of the rest. V8's release build does not
 * checksum what it deserializes, and a flipped bit past its header aborts the process, at every start.
 */
function readCache(cacheFile: string): Buffer | undefined {
  let content: Buffer;
  try {
    content = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = content.subarray(digestBytes);
  return content.length > digestBytes && sha256(data).equals(content.subarray(0, digestBytes)) ? data : undefined;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already (another server cleaned up first) or not ours to remove: either way nothing to do.
  }
}

// Caches of earlier versions of the bundle are never read again; a temporary file left by a killed server neither.
function removeLeftovers(cacheDir: string, cacheFile: string): void {
  const prefix = `${basename(cacheFile).split('.').slice(0, -2).join('.')}.`;
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || name === basename(cacheFile)) continue;
    const path = join(cacheDir, name);
    if (name.endsWith('.v8cache')) removeQuietly(path);
    else if (name.endsWith('.tmp')) {
      try {
        if (Date.now() - statSync(path).mtimeMs > staleTemporaryMs) removeQuietly(path);
      } catch {
        // Renamed into place meanwhile.
      }
    }
  }
}

// Written beside and renamed into place, so two servers starting at once never read half a file.
function writeCache(cacheFile: string, data: Buffer): void {
  const cacheDir = dirname(cacheFile);
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch {
    return;
  }
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFile(temporary, Buffer.concat([sha256(data), data]), (error) => {
    if (error) {
      removeQuietly(temporary);
      return;
    }
    try {
      renameSync(temporary, cacheFile);
    } catch {
      removeQuietly(temporary);
      return;
    }
    removeLeftovers(cacheDir, cacheFile);
  });
}

/**
 * Loads a CommonJS bundle as `require` would, but with V8's compiled code for it kept in `cacheDir` between starts
 * (Node 20 has no `module.enableCompileCache`); a missing, damaged or foreign cache only means compiling as usual.
 * Without a `cacheDir` this is plain `require`.
 */
export function loadBundle(file: string, cacheDir: string | undefined): LoadedBundle {
  if (!cacheDir) return { exports: require(file), persist: () => undefined };
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(file, source, cacheDir);
  const cachedData = readCache(cacheFile);
  const script = new Script(wrapperStart + source + wrapperEnd, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  let pending = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    persist() {
      if (!pending) return;
      pending = false;
      // Made after the run, so it holds the functions start-up compiled, not only the top level.
      writeCache(cacheFile, script.createCachedData());
    },
  };
}
