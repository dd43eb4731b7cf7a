import { join } from 'node:path';
import { loadBundle } from './codeCache';
import { codeCacheEnvironmentVariable } from './protocol';
import { preferSmallHeap } from './memory';

// dist/server.js: loads the server proper (dist/serverMain.js) with V8's compiled code cached where the extension says.
loadBundle(join(__dirname, 'serverMain.js'), process.env[codeCacheEnvironmentVariable]);
// After the load: V8 rejects a code cache made under other flags, and these change the flags.
preferSmallHeap();
