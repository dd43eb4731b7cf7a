import { declaredFields, computeDrift, managedFieldsFor, renderValue } from './drift';
import type { Finding } from './findings';
import { severityOf } from './findings';
import { formatMessage, type Locale } from './messages';
import { parseConfig, type ParsedConfig } from './parse';

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
}

/** The three sides of a drifted field, carried in the `drift` diagnostic's `data`. */
export interface DriftData {
  field: string;
  editorValue: string;
  /** The value at the branch head; undefined when the branch head is unknown or does not declare the field. */
  branchValue?: string;
  liveValue: string;
  workloadId: string;
  commitSha?: string;
}

/** The managed-field list that applies to a snapshot: the server's list when it sent one, else the v1 table. */
export function managedFieldsOf(snapshot: LiveSnapshot): readonly string[] {
  return snapshot.managedFields ?? managedFieldsFor(snapshot.sourceKind);
}

/**
 * Live findings for the editor's text: `not-managed` on each declared field the source does not manage, and
 * `drift` on each managed declared value that differs from live. Nothing for a workload with GitOps disabled.
 */
export function liveFindings(parsed: ParsedConfig, snapshot: LiveSnapshot, locale: Locale = 'en'): Finding[] {
  if (snapshot.status === 'disabled') return [];
  const managed = managedFieldsOf(snapshot);
  const declared = declaredFields(parsed);
  const findings: Finding[] = [];
  for (const entry of declared.values()) {
    if (managed.includes(entry.field)) continue;
    findings.push({
      code: 'not-managed',
      severity: severityOf['not-managed'],
      message: formatMessage(locale, 'notManaged', entry.field, snapshot.sourceKind),
      span: entry.keySpan,
      path: entry.field,
      unnecessary: true,
    });
  }
  const branchDeclared = snapshot.branchHead ? declaredFields(parseConfig(snapshot.branchHead.raw)) : undefined;
  for (const drift of computeDrift(declared, snapshot.liveConfig, managed)) {
    const entry = declared.get(drift.field)!;
    const branchValue = branchDeclared?.get(drift.field);
    const data: DriftData = {
      field: drift.field,
      editorValue: drift.repo_value,
      branchValue: branchValue ? renderValue(branchValue.value) : undefined,
      liveValue: drift.live_value,
      workloadId: snapshot.workloadId,
      commitSha: snapshot.branchHead?.commitSha,
    };
    findings.push({
      code: 'drift',
      severity: severityOf.drift,
      message:
        drift.live_value === ''
          ? formatMessage(locale, 'driftMissingLive', drift.field, drift.repo_value, snapshot.workloadName)
          : formatMessage(locale, 'driftValue', drift.field, drift.repo_value, drift.live_value, snapshot.workloadName),
      span: entry.valueSpan ?? entry.keySpan,
      path: drift.field,
      data: { drift: data },
    });
  }
  return findings.sort((a, b) => a.span.start - b.span.start);
}
