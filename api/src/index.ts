// The Tinyforge API client: no vscode import, shared by the extension and the CLI.
export { createApiClient, type ApiClientOptions, type CallOptions, type TinyforgeApi } from './client';
export { TinyforgeApiError, redact, type ApiErrorKind } from './errors';
export type { ApiErrorBody, GitOpsState, GitOpsUpdate, Me, Role, SourceConfig, SyncRequest, SyncResult, Workload } from './types';
export { snapshotFrom, findWorkload } from './snapshot';
