// `tinyforge-lint --format json` on a generated tree of 2,000 Tinyforge files, a tenth of them broken: its wall time,
// its peak memory, and whether its JSON holds every finding the core finds in each file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintBytes } from '../core/src/index';
import { repoRoot } from '../test/support/lspClient';

/** Files in the tree. */
export const treeFiles = 2_000;

/** What the run measured. */
export interface LintTreeFigures {
  files: number;
  broken: number;
  wallMs: number;
  peakRssMiB: number;
  cpuMs: number;
  /** Findings the core finds in the files, in process. */
  expectedFindings: number;
  /** Findings in the CLI's JSON. */
  reportedFindings: number;
  /** Files whose findings in the JSON differ from the core's (code, line, column and message). */
  mismatchedFiles: number;
  exitCode: number | null;
}

const broken = [
  'version: 1\ndeploy:\n  prot: 8080\n',
  'version: "1"\ndeploy:\n  port: 0\n  healthcheck: ""\n',
  'version: 1\ndeploy:\n  port: 8080\n  port: 8081\n',
  'version: 1\ndeploy: [port, 8080\n',
  'version: 1\ndeploy:\n  deploy_strategy: Recreate\n  resources:\n    cpu_limit: -1\n',
];

function fileText(index: number): string {
  if (index % 10 === 7) return broken[Math.floor(index / 10) % broken.length];
  const comments = index % 3 === 0 ? '# kept in the repository; an admin applies it with Sync\n' : '';
  return `${comments}version: 1\ndeploy:\n  port: ${3000 + (index % 1000)}\n  healthcheck: /healthz\n  deploy_strategy: ${index % 2 ? 'recreate' : 'blue_green'}\n  resources:\n    cpu_limit: 0.5\n    memory_limit: 512\n`;
}

type Reported = { code: string; line: number; column: number; message: string };

/** Writes the tree, runs the CLI on it once, and checks its JSON against the core. */
export function measureLintTree(): LintTreeFigures {
  const root = mkdtempSync(join(tmpdir(), 'tinyforge-bench-tree-'));
  try {
    const expected = new Map<string, string[]>();
    for (let index = 0; index < treeFiles; index++) {
      const dir = join(root, `team-${index % 20}`, `service-${index}`);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, '.tinyforge.yml');
      writeFileSync(path, fileText(index));
      const { findings } = lintBytes(readFileSync(path));
      expected.set(path, findings.map((finding) => `${finding.code} ${finding.message}`).sort());
    }
    const peakFile = join(root, 'peak.json');
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--require', join(repoRoot, 'bench/peakMemory.cjs'), join(repoRoot, 'dist/cli.js'), '--format', 'json', root], {
      encoding: 'utf8',
      env: { ...process.env, TINYFORGE_PEAK_MEMORY: peakFile, LANG: 'C' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = performance.now() - started;
    const peak = JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Reported[] }> };
    let mismatchedFiles = 0;
    let reportedFindings = 0;
    const seen = new Set<string>();
    for (const file of report.files) {
      seen.add(file.path);
      reportedFindings += file.findings.length;
      const mine = file.findings.map((finding) => `${finding.code} ${finding.message}`).sort();
      if (JSON.stringify(mine) !== JSON.stringify(expected.get(file.path))) mismatchedFiles++;
    }
    mismatchedFiles += [...expected.keys()].filter((path) => !seen.has(path)).length;
    return {
      files: report.files.length,
      broken: [...expected.values()].filter((findings) => findings.length).length,
      wallMs,
      peakRssMiB: peak.maxRssKiB / 1024,
      cpuMs: peak.cpuMs,
      expectedFindings: [...expected.values()].reduce((sum, findings) => sum + findings.length, 0),
      reportedFindings,
      mismatchedFiles,
      exitCode: run.status,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
