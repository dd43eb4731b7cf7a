import { readFileSync } from 'node:fs';
import { liveFindings, lintBytes, toLocale, type LiveSnapshot } from '../../core/src/index';
import { parseArgs, usage } from './args';
import { findFiles } from './findFiles';
import { formatJson, formatSarif, formatText, type FileReport } from './formats';
import { fetchSnapshot } from './live';

const version = '0.1.0';

/** Runs the linter; returns the exit code (0 clean, 1 errors, 2 usage, unreadable input or server, 3 drift). */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`tinyforge-lint: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (options.help) return out(`${usage}\n`), 0;
  if (options.version) return out(`${version}\n`), 0;

  const locale = toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  let snapshot: LiveSnapshot | undefined;
  if (options.url && options.workload) {
    const token = env.TINYFORGE_TOKEN;
    if (!token) {
      err('tinyforge-lint: --url needs the token in the environment variable TINYFORGE_TOKEN\n');
      return 2;
    }
    try {
      snapshot = await fetchSnapshot(options.url, options.workload, token, options.caFile);
    } catch (error) {
      err(`tinyforge-lint: cannot read the live config: ${(error as Error).message.split(token).join('***')}\n`);
      return 2;
    }
  }
  const { files, unreadable } = findFiles(options.paths);
  const reports: FileReport[] = [];
  for (const path of files) {
    try {
      const lint = lintBytes(readFileSync(path), locale);
      const { findings } = lint;
      reports.push({ path, text: lint.parsed.text, findings: snapshot ? [...findings, ...liveFindings(lint, snapshot, locale)].sort((a, b) => a.span.start - b.span.start) : findings });
    } catch (error) {
      unreadable.push({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
  }
  if (options.format === 'json') out(formatJson(reports));
  else if (options.format === 'sarif') out(formatSarif(reports, version));
  else out(formatText(reports));

  for (const problem of unreadable) err(`tinyforge-lint: cannot read ${problem.path} (${problem.reason})\n`);
  const all = reports.flatMap((report) => report.findings);
  const errors = all.filter((finding) => finding.severity === 'error').length;
  if (options.format === 'text') {
    const warnings = all.filter((finding) => finding.severity === 'warning').length;
    const drifted = all.filter((finding) => finding.code === 'drift').length;
    err(`${errors} error(s), ${warnings} warning(s)${snapshot ? `, ${drifted} drifted field(s) against ${snapshot.workloadName}` : ''} in ${reports.length} file(s)\n`);
  }
  if (unreadable.length) return 2;
  if (errors) return 1;
  return all.some((finding) => finding.code === 'drift') ? 3 : 0;
}

if (require.main === module) {
  // `tinyforge-lint … | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void run(process.argv.slice(2), process.env, (text) => process.stdout.write(text), (text) => process.stderr.write(text)).then((code) => {
    process.exitCode = code;
  });
}
