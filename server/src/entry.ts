import { join } from 'node:path';
import { loadBundle } from './codeCache';
import { codeCacheEnvironmentVariable } from './protocol';

// dist/server.js: loads the server proper (dist/serverMain.js) with V8's compiled code cached where the extension says.
const body = loadBundle(join(__dirname, 'serverMain.js'), process.env[codeCacheEnvironmentVariable]);
const { startedUp } = body.exports as typeof import('./main');
// Caches are made once start-up is over, off its path.
void startedUp.then(() => body.persist());
