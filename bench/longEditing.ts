// 50,000 edits to one open file on our server, as the extension starts it: its RSS after the first 1,000 and at the
// end, each read once the server has been idle long enough to collect (it does 2 s after the last lint).
import { changeDocument, openDocument } from '../test/support/lspClient';
import { ourServer, rssMiB, spawnServer } from './lspSubject';
import { typingScripts } from './typingScripts';

/** Edits in all. */
export const longEdits = 50_000;
/** Edits before the first reading. */
const firstEdits = 1_000;
/** Quiet before each reading: the server collects its heap 2 s after the last lint. */
const idleMs = 3_000;

/** What the long session measured. */
export interface LongEditingFigures {
  edits: number;
  rssAfterFirstMiB: number;
  rssAtEndMiB: number;
  /** Wall time of the whole run, s. */
  seconds: number;
}

/** Types the typing scripts over and over into one file (every text a full change, each followed by a pull). */
export async function measureLongEditing(): Promise<LongEditingFigures> {
  const session = await spawnServer(ourServer);
  try {
    const texts = typingScripts().flatMap((script) => script.keystrokes);
    const uri = 'file:///tmp/bench/long/.tinyforge.yml';
    openDocument(session, uri, texts[texts.length - 1]);
    const pid = session.process.pid;
    const started = performance.now();
    let rssAfterFirstMiB = 0;
    for (let edit = 1; edit <= longEdits; edit++) {
      changeDocument(session, uri, texts[edit % texts.length], edit + 1);
      await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      if (edit === firstEdits) {
        await new Promise((resolve) => setTimeout(resolve, idleMs));
        rssAfterFirstMiB = rssMiB(pid);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return { edits: longEdits, rssAfterFirstMiB, rssAtEndMiB: rssMiB(pid), seconds: (performance.now() - started) / 1000 };
  } finally {
    await session.close();
  }
}
