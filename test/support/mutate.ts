/** A small seeded PRNG (mulberry32), so a failing mutation can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fragments that stress a YAML parser: structure, anchors, documents, tabs, control and astral characters. */
const fragments = [':', ': ', '-', '- ', '[', ']', '{', '}', ',', '#', '"', "'", '&a ', '*a', '&b [*a,*a]', '*b', '---\n', '...\n', '\t', '\n', '  ', '? ', '!!str ', '!foo ', '|\n', '>-\n', '\x00', '\x7f', '\u0085', '\uFEFF', '\uD83D\uDE80', '\uD800', 'é', '8080.0', '8_080', '0x1F', '.inf', '~', 'null', 'version: 1\n', 'deploy:\n', '  port: ', 'prot', '<<: *a\n', '%YAML 1.2\n', '%TAG ! tag:x,2000:\n', '\r\n', '\r'];

/** Applies 1–5 random edits (insert, delete, duplicate or swap lines, re-indent, truncate) to a text. */
export function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const at = (): number => Math.floor(random() * (text.length + 1));
  const edits = 1 + Math.floor(random() * 5);
  for (let i = 0; i < edits; i++) {
    const operation = Math.floor(random() * 7);
    if (operation === 0 || operation === 1) {
      const offset = at();
      text = text.slice(0, offset) + pick(fragments) + text.slice(offset);
    } else if (operation === 2) {
      const offset = at();
      text = text.slice(0, offset) + text.slice(offset + 1 + Math.floor(random() * 8));
    } else if (operation === 3 || operation === 4) {
      const lines = text.split('\n');
      const a = Math.floor(random() * lines.length);
      const b = Math.floor(random() * lines.length);
      if (operation === 3) lines.splice(b, 0, lines[a]);
      else [lines[a], lines[b]] = [lines[b], lines[a]];
      text = lines.join('\n');
    } else if (operation === 5) {
      const lines = text.split('\n');
      const a = Math.floor(random() * lines.length);
      lines[a] = random() < 0.5 ? ` ${lines[a]}` : lines[a].replace(/^ /, '');
      text = lines.join('\n');
    } else text = text.slice(0, at());
  }
  return text;
}
