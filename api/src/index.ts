// The Tinyforge API client and what live data needs around it (scheduler, session, refresh timer, git checkout): no
// vscode import; shared by the extension, the standalone language server and the CLI.
export { createApiClient, type ApiClientOptions, type CallOptions, type TinyforgeApi } from './client';
export { TinyforgeApiError, redact, type ApiErrorKind } from './errors';
export type { ApiErrorBody, GitOpsState, GitOpsUpdate, Me, Role, SourceConfig, SyncRequest, SyncResult, Workload } from './types';
export { snapshotFrom, findWorkload } from './snapshot';
export { ApiSession } from './session';
export { RefreshScheduler } from './refreshScheduler';
export { locateFile, readCheckout, type GitCheckout, type FileLocation } from './checkout';
