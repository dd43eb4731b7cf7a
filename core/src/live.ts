import { declaredFields, computeDrift, renderValue, type DeclaredField, type DriftEntry } from './drift';
import { managedFieldsOf, sourceConfigKeys } from './fields';
import type { Finding } from './findings';
import { severityOf } from './findings';
import { formatMessage, type Locale } from './messages';
import type { LintResult } from './lint';
import { parseConfig, type ParsedConfig } from './parse';
import { liveFieldValue, yamlScalar } from './renderLive';
import { plainText, textLimits } from './untrusted';

/** What Tinyforge said about the file's state on the branch (`GitOpsState.status`). */
export type GitOpsStatus = 'disabled' | 'ok' | 'no_file' | 'fetch_failed' | 'invalid';

/** The live data the client fetched for one file, handed to the language server as is. */
export interface LiveSnapshot {
  workloadId: string;
  workloadName: string;
  sourceKind: string;
  /** The server's `managed_fields`; when absent the v1 table for the source kind applies. */
  managedFields?: string[];
  /** The workload's live `source_config` (never holds a token). */
  liveConfig: Record<string, unknown>;
  branch: string;
  status: GitOpsStatus;
  /** The file at the head of the branch, when Tinyforge could fetch it. */
  branchHead?: { raw: string; commitSha: string };
  role: 'admin' | 'viewer';
  /** ISO time the client fetched this snapshot. */
  fetchedAt: string;
  lastSyncAt?: string;
  syncedCommitSha?: string;
  /** Tinyforge's own drift between the branch head and live: what a Sync would change. */
  branchDrift?: DriftEntry[];
  /** Tinyforge's message for `invalid` and `fetch_failed`. */
  statusMessage?: string;
}

/** The three sides of a drifted field, carried in the `drift` diagnostic's `data`. */
export interface DriftData {
  field: string;
  editorValue: string;
  /** The value at the branch head; undefined when the branch head is unknown or does not declare the field. */
  branchValue?: string;
  liveValue: string;
  /** The live value as YAML text to write into the file ("Use live value"); undefined when live does not set the field. */
  liveYaml?: string;
  workloadId: string;
  commitSha?: string;
}

/** A field's live value as YAML text, after the contract's normalization; undefined when live does not set it. */
function liveYamlOf(field: string, liveConfig: Readonly<Record<string, unknown>>): string | undefined {
  const value = liveFieldValue(field, liveConfig);
  return value === undefined ? undefined : yamlScalar(value);
}

/** The fields the snapshot's branch-head file declares: parse once per snapshot, not once per keystroke. */
export function branchHeadFields(snapshot: LiveSnapshot): Map<string, DeclaredField> | undefined {
  return snapshot.branchHead ? declaredFields(parseConfig(snapshot.branchHead.raw)) : undefined;
}

/**
 * Live findings for the editor's text: `not-managed` on each declared field the source does not manage, and
 * `drift` on each managed declared value that differs from live. Nothing for a workload with GitOps disabled.
 */
export function liveFindings(lint: LintResult, snapshot: LiveSnapshot, locale: Locale = 'en', branchDeclared = branchHeadFields(snapshot)): Finding[] {
  if (snapshot.status === 'disabled') return [];
  const managed = managedFieldsOf(snapshot);
  const declared = declaredFields(lint.parsed, lint.findings);
  const findings: Finding[] = [];
  for (const entry of declared.values()) {
    if (managed.includes(entry.field)) continue;
    findings.push({
      code: 'not-managed',
      severity: severityOf['not-managed'],
      message: formatMessage(locale, 'notManaged', entry.field, plainText(snapshot.sourceKind, textLimits.name)),
      span: entry.keySpan,
      path: entry.field,
      unnecessary: true,
    });
  }
  for (const drift of computeDrift(declared, snapshot.liveConfig, managed)) {
    const entry = declared.get(drift.field)!;
    const branchValue = branchDeclared?.get(drift.field);
    // Values and the name are shown (messages, decorations, hovers): as outside text, one line and capped.
    const shown = (value: string): string => plainText(value, textLimits.value);
    const name = plainText(snapshot.workloadName, textLimits.name);
    const data: DriftData = {
      field: drift.field,
      editorValue: shown(drift.repo_value),
      branchValue: branchValue ? shown(renderValue(branchValue.value)) : undefined,
      liveValue: shown(drift.live_value),
      liveYaml: liveYamlOf(drift.field, snapshot.liveConfig),
      workloadId: snapshot.workloadId,
      commitSha: snapshot.branchHead?.commitSha,
    };
    findings.push({
      code: 'drift',
      severity: severityOf.drift,
      message:
        drift.live_value === ''
          ? formatMessage(locale, 'driftMissingLive', drift.field, data.editorValue, name)
          : formatMessage(locale, 'driftValue', drift.field, data.editorValue, data.liveValue, name),
      span: entry.valueSpan ?? entry.keySpan,
      path: drift.field,
      data: { drift: data },
    });
  }
  return findings.sort((a, b) => a.span.start - b.span.start);
}

/** The three sides of one managed field, for hover and the compare view. */
export interface FieldSides {
  field: string;
  /** The value in the editor's text; undefined when the text does not declare it. */
  editor?: string;
  /** The value at the branch head; undefined when unknown or not declared there. */
  branch?: string;
  /** The live value; "" when the live config does not set it. */
  live: string;
}

/** Every managed field's editor, branch-head and live values (for display; drift itself is `liveFindings`). */
export function fieldSides(parsed: ParsedConfig, snapshot: LiveSnapshot, branch = branchHeadFields(snapshot)): FieldSides[] {
  const declared = declaredFields(parsed);
  return managedFieldsOf(snapshot).map((field) => {
    const key = sourceConfigKeys[field];
    const liveRaw = key ? snapshot.liveConfig[key] : undefined;
    const live = field === 'deploy.deploy_strategy' && (liveRaw === undefined || liveRaw === '') ? 'recreate' : renderValue(liveRaw);
    const editorValue = declared.get(field);
    const branchValue = branch?.get(field);
    return { field, editor: editorValue && renderValue(editorValue.value), branch: branchValue && renderValue(branchValue.value), live };
  });
}

