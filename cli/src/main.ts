import { readFileSync } from 'node:fs';
import { liveFindings, lintBytes, toLocale, type LiveSnapshot } from '../../core/src/index';
import { parseArgs } from './args';
import { findFiles, stdinPath, unreadableBecause } from './findFiles';
import { formatJson, formatSarif, formatText, type FileReport } from './formats';
import { fetchSnapshot } from './live';
import { cliMessages } from './messages';
import { productVersion } from '../../core/src/version';
import { plainText, secretRedactor, textLimits } from '../../core/src/untrusted';

const version = productVersion;

/** Runs the linter; returns the exit code (0 clean, 1 errors, 2 usage, unreadable input or server, 3 drift). */
export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const locale = toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  const messages = cliMessages(locale);
  let options;
  try {
    options = parseArgs(argv, messages);
  } catch (error) {
    err(`tinyforge-lint: ${(error as Error).message}\n${messages.usage}\n`);
    return 2;
  }
  if (options.help) return out(`${messages.usage}\n`), 0;
  if (options.version) return out(`${version}\n`), 0;

  let snapshot: LiveSnapshot | undefined;
  if (options.url && options.workload) {
    const token = env.TINYFORGE_TOKEN;
    if (!token) {
      err(`tinyforge-lint: ${messages.needsToken}\n`);
      return 2;
    }
    try {
      snapshot = await fetchSnapshot(options.url, options.workload, token, options.caFile);
    } catch (error) {
      err(`tinyforge-lint: ${messages.cannotReadLive(plainText(secretRedactor([token])((error as Error).message)))}\n`);
      return 2;
    }
  }
  const { files, unreadable, emptyDirectories } = findFiles(options.paths);
  const reports: FileReport[] = [];
  for (const file of files) {
    const fromStdin = file === stdinPath;
    const path = fromStdin ? (options.stdinFilename ?? '<stdin>') : file;
    if (fromStdin && process.stdin.isTTY) err(`tinyforge-lint: ${messages.readingStdin}\n`);
    let bytes: Buffer;
    try {
      // File descriptor 0: what a pipe or redirect gives `tinyforge-lint -`.
      bytes = readFileSync(fromStdin ? 0 : file);
    } catch (error) {
      unreadable.push(unreadableBecause(path, error));
      continue;
    }
    // Outside the read's try: a fault of the server's answer is never reported as an unreadable file.
    const lint = lintBytes(bytes, locale);
    const { findings } = lint;
    reports.push({ path, text: lint.parsed.text, findings: snapshot ? [...findings, ...liveFindings(lint, snapshot, locale)].sort((a, b) => a.span.start - b.span.start) : findings });
  }
  if (options.format === 'json') out(formatJson(reports, unreadable));
  else if (options.format === 'sarif') out(formatSarif(reports, version, unreadable));
  else out(formatText(reports));

  for (const directory of emptyDirectories) err(`tinyforge-lint: ${messages.noFilesUnder(directory)}\n`);
  for (const problem of unreadable) err(`tinyforge-lint: ${messages.cannotRead(problem.path, problem.reason)}\n`);
  const all = reports.flatMap((report) => report.findings);
  const errors = all.filter((finding) => finding.severity === 'error').length;
  if (options.format === 'text') {
    const warnings = all.filter((finding) => finding.severity === 'warning').length;
    const drifted = all.filter((finding) => finding.code === 'drift').length;
    err(`${snapshot ? messages.summaryWithDrift(errors, warnings, drifted, plainText(snapshot.workloadName, textLimits.name), reports.length) : messages.summary(errors, warnings, reports.length)}\n`);
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
