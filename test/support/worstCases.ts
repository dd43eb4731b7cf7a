import { maxFileBytes } from '../../core/src/index';

/** Repeats `line(i)` after `head` for as long as the text stays within the 64 KiB cap. */
function fillToCap(head: string, line: (i: number) => string): string {
  let text = head;
  for (let i = 0; ; i++) {
    const next = line(i);
    if (Buffer.byteLength(text + next) > maxFileBytes) return text;
    text += next;
  }
}

/** Files just under 64 KiB shaped to make each core step do the most work: thousands of findings, deep nesting. */
export function worstCaseInputs(): Array<{ name: string; text: string }> {
  return [
    { name: 'thousands of unknown top-level keys', text: fillToCap('version: 1\n', (i) => `k${i}: ${i}\n`) },
    { name: 'thousands of misspelt keys under deploy', text: fillToCap('version: 1\ndeploy:\n', (i) => `  prot${i}: ${i}\n`) },
    { name: 'thousands of duplicate keys', text: fillToCap('version: 1\ndeploy:\n', () => '  port: 8080\n') },
    { name: 'thousands of wrong-typed values', text: fillToCap('version: 1\ndeploy:\n  resources:\n', (i) => `    cpu_limit${i % 2 ? '' : '_'}: [${i}]\n`) },
    { name: 'flow nesting 2,000 deep', text: `version: 1\ndeploy: ${'['.repeat(2000)}${']'.repeat(2000)}\n` },
    { name: 'block nesting 250 deep', text: `version: 1\n${Array.from({ length: 250 }, (_, depth) => `${' '.repeat(depth)}k:\n`).join('')}` },
  ];
}
