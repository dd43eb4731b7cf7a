/** The file names that are always Tinyforge files, wherever they are. */
export const defaultFileNames: readonly string[] = ['.tinyforge.yml', '.tinyforge.yaml'];

function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|\\]/g, '\\$&');
}

const matchesNothing = /(?!)/;

/**
 * Turns a VS Code-style glob (`**`, `*`, `?`, `{a,b}`, `[abc]`) into an anchored regular expression.
 * A malformed glob (an unclosed `{`, a bad `[z-a]` range) matches nothing rather than throwing on every request.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inBraces = 0;
  // Repeated `**/` mean one; each would multiply the regular expression's backtracking.
  glob = glob.replace(/(?:\*\*\/)+/g, '**/');
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      // Whole segments only, so a failing match cannot retry every character position.
      source += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') {
      inBraces++;
      source += '(?:';
    } else if (ch === '}' && inBraces > 0) {
      inBraces--;
      source += ')';
    } else if (ch === ',' && inBraces > 0) source += '|';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += escapeRegExp(ch);
  }
  if (inBraces > 0) return matchesNothing;
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return matchesNothing;
  }
}

/**
 * Whether a file is a Tinyforge file: `.tinyforge.yml`/`.yaml` anywhere, or a path (relative to its
 * workspace folder, `/`-separated) matching one of the user's globs.
 */
export function isTinyforgeFile(relativePath: string, globs: readonly string[] = []): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (defaultFileNames.includes(name)) return true;
  return globs.some((glob) => globToRegExp(glob.replace(/^\.\//, '')).test(path));
}
