// dist/language-server.js, the `tinyforge-language-server` command: what other editors start. It reads no VS Code
// file and needs no code-cache directory; it speaks LSP over stdio unless told another transport.
import { productVersion } from '../../core/src/version';

const args = process.argv.slice(2);
const russian = /^ru/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');

const usage = russian
  ? `tinyforge-language-server [--stdio | --node-ipc | --socket=ПОРТ]

Языковой сервер Tinyforge для .tinyforge.yml: диагностика, быстрые исправления, дополнение, подсказки.
По умолчанию говорит по LSP через stdin/stdout.
Живые проверки (drift, not-managed): адрес сервера в параметрах инициализации (url) или в TINYFORGE_URL,
токен в TINYFORGE_TOKEN (или token в параметрах инициализации), CA в TINYFORGE_CA_FILE.
`
  : `tinyforge-language-server [--stdio | --node-ipc | --socket=PORT]

The Tinyforge language server for .tinyforge.yml: diagnostics, quick fixes, completion, hover.
Speaks LSP over standard input and output unless told another transport.
Live findings (drift, not-managed): the server URL in the initialization options (url) or TINYFORGE_URL,
the token in TINYFORGE_TOKEN (or token in the initialization options), a CA file in TINYFORGE_CA_FILE.
`;

if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(usage);
} else if (args.includes('--version')) {
  process.stdout.write(`${productVersion}\n`);
} else {
  const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
  if (!args.some((arg) => transports.some((transport) => arg === transport || arg.startsWith(`${transport}=`)))) process.argv.push('--stdio');
  require('./server.js');
}
