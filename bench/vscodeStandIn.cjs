// A stand-in for the `vscode` module, for timing dist/client.js's require + activate() outside VS Code.
// Every API is a callable that returns another stand-in; the few values activate() iterates are empty.
const Module = require('node:module');
const empty = new Set(['textDocuments', 'visibleTextEditors', 'workspaceFolders']);
function standIn(name) {
  const target = function () {};
  return new Proxy(target, {
    get(_, key) {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      if (empty.has(key)) return [];
      if (key === 't') return (message) => message;
      if (key === 'isTrusted') return true;
      // The Tinyforge view starts hidden, as in a window that has not shown it.
      if (key === 'visible') return false;
      return standIn(`${name}.${String(key)}`);
    },
    set: () => true,
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`),
  });
}
// esbuild's interop object inherits from the module's prototype: a prototype that answers any key covers every API.
const anyKey = new Proxy({}, { get: (_, key) => (key === 'then' ? undefined : standIn(`vscode.${String(key)}`)) });
const vscode = new Proxy({}, { get: (_, key) => anyKey[key], getPrototypeOf: () => anyKey });
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
module.exports = { vscode };
