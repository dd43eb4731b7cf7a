// The library floor: a vscode-languageserver server over stdio that does no work. It keeps documents in sync as ours
// does, answers pull diagnostics with none, and hover and completion with fixed results of about the size ours sends,
// so the bench can show what the library and the transport alone cost.
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const hover = { contents: { kind: 'markdown', value: `**port**\n\n${'The port the workload listens on. '.repeat(12)}` } };
const completion = Array.from({ length: 10 }, (_, index) => ({ label: `key_${index}`, kind: 10, documentation: { kind: 'markdown', value: 'Docs. '.repeat(20) } }));
connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: {},
    diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
  },
}));
connection.onHover(() => hover);
connection.onCompletion(() => completion);
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
documents.listen(connection);
connection.listen();
