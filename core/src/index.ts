// The pure core: no vscode, no vscode-languageserver, no network, no fs. Offsets in, findings out.
export { createLineIndex, type LineIndex, type Position } from './lineIndex';
export { severityOf, diagnosticSource, type DiagnosticCode, type Finding, type FindingData, type Severity, type Span } from './findings';
export { parseConfig, maxFileBytes, utf8ByteLength, type ParsedConfig } from './parse';
export { validateConfig, type ValidateOptions } from './validate';
export { completeAt, type CompletionProposal } from './complete';
export { hoverAt, describeField, describeLive, type HoverInfo } from './hover';
export { fixesFor, fixAllEdits, applyEdits, type CodeFix, type TextEdit } from './fixes';
export { outlineOf, foldingRegionsOf, type OutlineSymbol, type FoldingRegion } from './outline';
export { isTinyforgeFile, globToRegExp, defaultFileNames } from './files';
export { schemaRoot, fieldAt, leafFields, type SchemaField } from './schemaModel';
export { formatMessage, messageCatalog, toLocale, type Locale, type MessageId } from './messages';
export { suggestKey, editDistance } from './suggest';
export { lintText, type LintResult } from './lint';
export { computeDrift, declaredFields, renderValue, type DriftEntry, type DeclaredField } from './drift';
export { managedFieldsFor, managedFieldsBySource, managedFieldsOf, sourceConfigKeys } from './fields';
export { renderLiveConfig } from './renderLive';
export { liveFindings, fieldSides, branchHeadFields, type LiveSnapshot, type DriftData, type GitOpsStatus, type FieldSides } from './live';
export { parseRemote, matchWorkloads, type RemoteIdentity, type WorkloadCoordinates } from './remotes';
