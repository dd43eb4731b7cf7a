import { codeCacheEnvironmentVariable, serverV8Flags } from '../../server/src/protocol';

/** Node's command-line options for the language server: V8's heap limits, which can only be set at start. */
export const serverExecArgv: readonly string[] = serverV8Flags;

/** What the standalone server would fetch with; under VS Code the extension fetches, so the server never sees them. */
const liveDataVariables = ['TINYFORGE_URL', 'TINYFORGE_TOKEN', 'TINYFORGE_INITIAL_TOKEN', 'TINYFORGE_CA_FILE'];

/**
 * The environment the language server runs in: the extension host's, minus NODE_EXTRA_CA_CERTS (the server makes
 * no network calls, and Node 20 loads that CA bundle eagerly at every start, ~70 ms on the reference machine) and
 * the token and URL the extension may have been started with, plus the directory where the server keeps V8's
 * compiled code between starts, when there is one.
 */
export function serverEnvironment(base: NodeJS.ProcessEnv, codeCacheDir?: string): NodeJS.ProcessEnv {
  const env = { ...base };
  delete env.NODE_EXTRA_CA_CERTS;
  for (const name of liveDataVariables) delete env[name];
  delete env[codeCacheEnvironmentVariable];
  if (codeCacheDir) env[codeCacheEnvironmentVariable] = codeCacheDir;
  return env;
}
