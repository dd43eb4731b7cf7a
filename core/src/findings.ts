/** A half-open range of UTF-16 offsets into the text the editor holds. */
export interface Span {
  start: number;
  end: number;
}

/** How bad a finding is; maps one to one onto LSP severities at the edge. */
export type Severity = 'error' | 'warning' | 'information';

/** The stable diagnostic codes of contract section 4; code actions and decorations match on these. */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'multiple-documents'
  | 'file-too-large'
  | 'missing-required'
  | 'invalid-version'
  | 'unknown-key'
  | 'invalid-type'
  | 'invalid-value'
  | 'not-managed'
  | 'drift';

/** Structured facts a finding carries for code actions (never parsed back out of the message). */
export interface FindingData {
  /** The known key an unknown key is probably a misspelling of. */
  suggestion?: string;
  /** The key a finding is about (unknown, duplicate or missing). */
  key?: string;
  /** For `yaml-syntax`: which kind of YAML problem it is (other YAML tools report some kinds too). */
  yamlProblem?: import('./parse').SyntaxProblem['kind'];
  /** For `drift`: the editor, branch-head and live values. */
  drift?: import('./live').DriftData;
}

/** One problem in a `.tinyforge.yml`, located by offsets. */
export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  /** Dotted path of the field concerned, e.g. `deploy.port` (empty for the root). */
  path: string;
  data?: FindingData;
  /** Rendered faded by editors (the LSP `Unnecessary` tag). */
  unnecessary?: boolean;
}

/** The severity the contract gives each code. */
export const severityOf: Readonly<Record<DiagnosticCode, Severity>> = {
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  'multiple-documents': 'error',
  'file-too-large': 'error',
  'missing-required': 'error',
  'invalid-version': 'error',
  'unknown-key': 'error',
  'invalid-type': 'error',
  'invalid-value': 'error',
  'not-managed': 'warning',
  drift: 'information',
};

/** The `source` every editor diagnostic carries. */
export const diagnosticSource = 'tinyforge';
