import { codeCacheEnvironmentVariable, serverV8Flags } from '../../server/src/protocol';

/** Node's command-line options for the language server: V8's heap limits, which can only be set at start. */
export const serverExecArgv: readonly string[] = serverV8Flags;

/**
 * The environment the language server runs in: the extension host's, minus NODE_EXTRA_CA_CERTS (the server makes
 * no network calls, and Node 20 loads that CA bundle eagerly at every start, ~70 ms on the reference machine), plus
 * the directory where the server keeps V8's compiled code between starts, when there is one.
 */
export function serverEnvironment(base: NodeJS.ProcessEnv, codeCacheDir?: string): NodeJS.ProcessEnv {
  const env = { ...base };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env[codeCacheEnvironmentVariable];
  if (codeCacheDir) env[codeCacheEnvironmentVariable] = codeCacheDir;
  return env;
}
