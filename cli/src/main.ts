import { readFileSync } from 'node:fs';
import { lintText, toLocale } from '../../core/src/index';
import { parseArgs, usage } from './args';
import { findFiles } from './findFiles';
import { formatJson, formatSarif, formatText, type FileReport } from './formats';

const version = '0.1.0';

/** Runs the linter; returns the exit code (0 clean, 1 errors, 2 usage or unreadable input). */
export function run(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    err(`tinyforge-lint: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (options.help) return out(`${usage}\n`), 0;
  if (options.version) return out(`${version}\n`), 0;

  const locale = toLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  const { files, unreadable } = findFiles(options.paths);
  const reports: FileReport[] = [];
  for (const path of files) {
    try {
      const text = readFileSync(path, 'utf8');
      reports.push({ path, text, findings: lintText(text, locale).findings });
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
    err(`${errors} error(s), ${warnings} warning(s) in ${reports.length} file(s)\n`);
  }
  if (unreadable.length) return 2;
  return errors ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
}
