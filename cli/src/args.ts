import type { CliMessages } from './messages';

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
  /** The name under which the text read from standard input (path `-`) is reported. */
  stdinFilename?: string;
}

/** Parses argv (without `node` and the script); throws a one-line message, in the user's language, on bad usage. */
export function parseArgs(argv: readonly string[], messages: CliMessages): CliOptions {
  const options: CliOptions = { paths: [], format: 'text', help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--version') options.version = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new Error(messages.badFormat(value));
      options.format = value;
    } else if (arg === '--url' || arg === '--workload' || arg === '--ca-file' || arg === '--stdin-filename') {
      const value = argv[++i];
      if (!value) throw new Error(messages.needsValue(arg));
      if (arg === '--url') options.url = value;
      else if (arg === '--workload') options.workload = value;
      else if (arg === '--stdin-filename') options.stdinFilename = value;
      else options.caFile = value;
    } else if (arg === '--') options.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (arg.startsWith('-') && arg !== '-') throw new Error(messages.unknownOption(arg));
    else options.paths.push(arg);
  }
  if (!options.paths.length) options.paths.push('.');
  if (!!options.url !== !!options.workload) throw new Error(messages.urlWithWorkload);
  if (options.url && !/^https?:\/\/[^/]+/.test(options.url)) throw new Error(messages.urlNotHttp(options.url));
  return options;
}
