// What a person typing produces: a new key and value entered a character at a time into a file, every intermediate
// text included (valid or not), then taken out again with Backspace, as the editor sends each state to the server.
import { benchDocuments } from './documents';

/** One typing script: the text the file starts from and the text after each keystroke, in order. */
export interface TypingScript {
  /** Short name used in URIs and the report. */
  name: string;
  /** One-line description for the report. */
  label: string;
  start: string;
  /** The text after each keystroke; the last one is `start` again. */
  keystrokes: string[];
}

/**
 * Types `typed` at `offset` of `start` one keystroke at a time, then deletes it one keystroke at a time. A keystroke
 * is one character, except a line break, which the editor sends with the new line's indentation (auto-indent), and
 * the deletion takes that indentation and the line break back in two keystrokes.
 */
export function typeAndDelete(start: string, offset: number, typed: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    const lineBreak = /^\n */.exec(typed.slice(i));
    const key = lineBreak && lineBreak[0].length > 1 ? lineBreak[0] : typed[i];
    keys.push(key);
    i += key.length - 1;
  }
  const backspaces = keys.flatMap((key) => (key.length > 1 ? [key.slice(1), '\n'] : [key])).reverse();
  const texts: string[] = [];
  let inserted = '';
  for (const key of keys) {
    inserted += key;
    texts.push(start.slice(0, offset) + inserted + start.slice(offset));
  }
  for (const key of backspaces) {
    inserted = inserted.slice(0, inserted.length - key.length);
    texts.push(start.slice(0, offset) + inserted + start.slice(offset));
  }
  return texts;
}

function endOfLineWith(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`typing script: no ${JSON.stringify(needle)} in the document`);
  return at + needle.length;
}

/**
 * The typing scripts of the keystroke bench: `max_instances: 4` on a new line of `deploy:` in the typical file and
 * in the 200-line file, and `, memory_limit: 512` typed into a one-line flow mapping (`resources: { cpu_limit: 0.5 }`).
 */
export function typingScripts(): TypingScript[] {
  const documents = benchDocuments();
  const byName = (name: string) => documents.find((document) => document.name === name)!;
  const newKey = (name: string, label: string): TypingScript => {
    const start = byName(name).text;
    return { name: `typing-${name}`, label, start, keystrokes: typeAndDelete(start, endOfLineWith(start, 'deploy_strategy: recreate'), '\n  max_instances: 4') };
  };
  const flowStart = byName('typical').text.replace('  resources:\n    cpu_limit: 0.5\n    memory_limit: 512\n', '  resources: { cpu_limit: 0.5 }\n');
  if (flowStart === byName('typical').text) throw new Error('typing script: the typical file has no resources block to fold into a flow mapping');
  return [
    newKey('typical', 'a new key in the typical file'),
    newKey('commented', `a new key in the ${byName('commented').label.replace('mostly comments, ', '').replace(' lines', '-line')} file`),
    { name: 'typing-flow', label: 'a new key in a flow mapping', start: flowStart, keystrokes: typeAndDelete(flowStart, endOfLineWith(flowStart, 'cpu_limit: 0.5'), ', memory_limit: 512') },
  ];
}
