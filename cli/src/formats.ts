import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLineIndex, severityOf, type DiagnosticCode, type Finding, type LineIndex } from '../../core/src/index';
import type { Unreadable } from './findFiles';

/** One file's findings, with the text they point into. */
export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line/column of a finding, as compilers and SARIF print them. */
function locate(index: LineIndex, finding: Finding): Located {
  const start = index.positionAt(finding.span.start);
  const end = index.positionAt(finding.span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** `path:line:col severity code message`, one finding a line. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    const index = createLineIndex(report.text);
    for (const finding of report.findings) {
      const { line, column } = locate(index, finding);
      lines.push(`${report.path}:${line}:${column} ${finding.severity} ${finding.code} ${finding.message}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Machine-readable findings, one entry per file checked, and the paths that could not be read. */
export function formatJson(reports: readonly FileReport[], unreadable: readonly Unreadable[] = []): string {
  const files = reports.map((report) => {
    const index = createLineIndex(report.text);
    return {
      path: report.path,
      findings: report.findings.map((finding) => ({
        code: finding.code,
        severity: finding.severity,
        message: finding.message,
        field: finding.path,
        ...locate(index, finding),
        ...(finding.data?.suggestion ? { suggestion: finding.data.suggestion } : {}),
      })),
    };
  });
  return `${JSON.stringify({ files, unreadable }, null, 2)}\n`;
}

const sarifLevel = { error: 'error', warning: 'warning', information: 'note' } as const;

const ruleDescriptions: Record<DiagnosticCode, string> = {
  'yaml-syntax': 'The file is not valid YAML.',
  'duplicate-key': 'A key appears twice in one mapping.',
  'multiple-documents': 'The file holds more than one YAML document.',
  'file-too-large': 'The file is over 64 KiB.',
  'missing-required': 'A required key is missing.',
  'invalid-version': 'version is not the integer 1.',
  'unknown-key': 'A key the v1 schema does not know.',
  'invalid-type': 'A value of the wrong type.',
  'invalid-value': 'A value out of range or not allowed.',
  'not-managed': 'A field the workload\'s source kind does not manage; Sync ignores it.',
  drift: 'The repository value differs from the live config.',
};

// Relative paths stay relative to the checkout (what code scanning expects); absolute ones become file: URIs.
function artifactUri(path: string): string {
  return isAbsolute(path) ? pathToFileURL(path).href : path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 for code scanning; columns count UTF-16 code units, as the editor does. Unreadable paths are tool notifications. */
export function formatSarif(reports: readonly FileReport[], version: string, unreadable: readonly Unreadable[] = []): string {
  const rules = (Object.keys(ruleDescriptions) as DiagnosticCode[]).map((code) => ({
    id: code,
    shortDescription: { text: ruleDescriptions[code] },
    defaultConfiguration: { level: sarifLevel[severityOf[code]] },
  }));
  const results = reports.flatMap((report) => {
    const index = createLineIndex(report.text);
    return report.findings.map((finding) => {
      const { line, column, endLine, endColumn } = locate(index, finding);
      return {
        ruleId: finding.code,
        ruleIndex: rules.findIndex((rule) => rule.id === finding.code),
        level: sarifLevel[finding.severity],
        // SARIF reads [text](id) in a message as a link: brackets from a server's names and values are escaped.
        message: { text: finding.message.replace(/[[\]\\]/g, '\\$&') },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(report.path) },
              region: { startLine: line, startColumn: column, endLine, endColumn: Math.max(endColumn, endLine === line ? column : 1) },
            },
          },
        ],
      };
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tinyforge-lint', version, informationUri: 'https://tinyforge.dev/docs/gitops', rules } },
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((entry) => ({
              level: 'error',
              message: { text: `cannot read ${entry.path} (${entry.reason})` },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(entry.path) } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
