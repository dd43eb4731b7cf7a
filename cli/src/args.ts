/** Output formats of `tinyforge-lint`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** What the command line asked for. */
export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  help: boolean;
  version: boolean;
  /** Tinyforge server URL, for live findings (with `--workload` and `TINYFORGE_TOKEN`). */
  url?: string;
  /** Workload id or name. */
  workload?: string;
  /** PEM file of a CA to trust for the server. */
  caFile?: string;
}

/** Parses argv (without `node` and the script); throws a one-line message on bad usage. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { paths: [], format: 'text', help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--version') options.version = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new Error(`--format must be text, json or sarif, not ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
      options.format = value;
    } else if (arg === '--url' || arg === '--workload' || arg === '--ca-file') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (arg === '--url') options.url = value;
      else if (arg === '--workload') options.workload = value;
      else options.caFile = value;
    } else if (arg === '--') options.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (!options.paths.length) options.paths.push('.');
  if (!!options.url !== !!options.workload) throw new Error('--url and --workload go together');
  if (options.url && !/^https?:\/\/[^/]+/.test(options.url)) throw new Error(`--url must be an http(s) URL, not ${JSON.stringify(options.url)}`);
  return options;
}

/** The `--help` text. */
export const usage = `Usage: tinyforge-lint [options] [paths...]

Checks .tinyforge.yml files against the Tinyforge v1 schema, with the same rules as the editor.
A path may be a file (checked whatever its name) or a directory (searched for .tinyforge.yml
and .tinyforge.yaml, skipping node_modules and .git). With no path, the current directory.

Options:
  --format text|json|sarif   output format (default text: path:line:col severity code message)
  --url URL --workload ID    also report drift against that workload's live config and the fields
                             its source does not manage; the token comes from TINYFORGE_TOKEN
  --ca-file PEM              a CA to trust for the Tinyforge server (self-signed instances)
  --version                  print the version
  -h, --help                 print this help

Exit codes: 0 no errors, 1 errors found, 2 bad usage, unreadable input or an unreachable server,
3 drift (and no error).`;
