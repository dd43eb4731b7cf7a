// Times a typing script on a server: each keystroke's text sent as the next version, then its diagnostics pulled,
// as VS Code pulls after every change.
import { changeDocument, openDocument } from '../test/support/lspClient';
import type { LspSubject } from './lspSubject';
import type { TypingScript } from './typingScripts';

/** The URI a typing script is typed under; our server only serves `.tinyforge.yml` basenames. */
function uriOf(script: TypingScript): string {
  return `file:///tmp/bench/${script.name}/.tinyforge.yml`;
}

async function pullCount(subject: LspSubject, uri: string): Promise<number> {
  const report = (await subject.session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items?: unknown[] };
  return report.items?.length ?? 0;
}

/** Opens the script's starting text on a server that pulls diagnostics, and waits for its first diagnostics. */
export async function openScript(subject: LspSubject, script: TypingScript): Promise<void> {
  if (!subject.spec.pull) throw new Error(`${subject.spec.name}: typing scripts are timed with pulled diagnostics`);
  const uri = uriOf(script);
  subject.versions.set(uri, 1);
  openDocument(subject.session, uri, script.start);
  await pullCount(subject, uri);
}

/**
 * Types the whole script: every keystroke's text as the next version, timed until its pulled diagnostics arrive,
 * with `gapMs` of quiet before each keystroke (0: back to back). Resolves with the times in ms and the number of
 * keystrokes whose diagnostics were not empty (the intermediate texts that are not valid).
 */
export async function typeScript(subject: LspSubject, script: TypingScript, gapMs: number): Promise<{ ms: number[]; withFindings: number }> {
  const uri = uriOf(script);
  const ms: number[] = [];
  let withFindings = 0;
  for (const text of script.keystrokes) {
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const version = (subject.versions.get(uri) ?? 1) + 1;
    subject.versions.set(uri, version);
    const started = performance.now();
    changeDocument(subject.session, uri, text, version);
    const count = await pullCount(subject, uri);
    ms.push(performance.now() - started);
    if (count > 0) withFindings++;
  }
  return { ms, withFindings };
}
