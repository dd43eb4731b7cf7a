// `npm start`, until the live demo exists: build the extension, package the .vsix, and lint the examples
// so a newcomer sees what the editor will show.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function step(title, command, args) {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

if (step('Building dist/client.js, dist/server.js and dist/cli.js', process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
const packaged = step('Packaging tinyforge-gitops.vsix', process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', 'tinyforge-gitops.vsix']);
step('Linting examples/ with tinyforge-lint (examples/broken is broken on purpose)', process.execPath, ['dist/cli.js', 'examples']);
console.log(`
${packaged === 0 ? 'Install the extension with:  code --install-extension tinyforge-gitops.vsix' : 'Packaging failed (see above); the linter still ran.'}
Then open examples/ in VS Code: the same findings appear as squiggles, with quick fixes.`);
