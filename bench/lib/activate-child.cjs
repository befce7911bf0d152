/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
// Activation of the bundled extension against a stub of the vscode API, in a fresh process:
// the time to load dist/extension.js and to run activate() (no workspace folder open, so only
// activation's own work). It is a floor for what the real host shows; see bench/README.md.
// argv: path of dist/extension.js. Prints one JSON line.
const Module = require('node:module');
const path = require('node:path');

/** An object that is anything: every property, call and construction gives another such object. */
function anything(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'toString') return () => name;
      return anything(`${name}.${String(prop)}`);
    },
    set: () => true,
    defineProperty: () => true,
    apply: () => anything(`${name}()`),
    construct: () => anything(`new ${name}`),
  });
}

// Every name the vscode module exports (from @types/vscode), each a stub; esbuild's interop
// copies the module's own properties, so they must be real properties.
const stub = {};
try {
  const dts = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  for (const m of dts.matchAll(/^\s+export (?:namespace|class|enum|const|function|let) (\w+)/gm)) stub[m[1]] ??= anything(`vscode.${m[1]}`);
} catch {
  // without the types, only what is named below
}
stub.workspace = new Proxy({ workspaceFolders: undefined, isTrusted: true }, {
  get: (t, p) => (p in t ? t[p] : anything(`vscode.workspace.${String(p)}`)),
});

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return stub;
  return load.call(this, request, parent, isMain);
};

const file = path.resolve(process.argv[2]);
const root = path.resolve(path.dirname(file), '..');
const packageJSON = require(path.join(root, 'package.json'));
const context = {
  subscriptions: [],
  extension: { packageJSON, id: 'northstar.northstar', extensionUri: anything('extensionUri') },
  extensionUri: anything('extensionUri'),
  extensionPath: root,
  asAbsolutePath: (p) => path.join(root, p),
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  storageUri: undefined,
  globalStorageUri: anything('globalStorageUri'),
  logUri: anything('logUri'),
};

const now = () => Number(process.hrtime.bigint()) / 1e6;
(async () => {
  const t0 = now();
  const ext = require(file);
  const loadMs = now() - t0;
  const t1 = now();
  await ext.activate(context);
  const activateMs = now() - t1;
  for (const d of context.subscriptions) {
    try {
      d.dispose?.();
    } catch {
      // a stubbed disposable
    }
  }
  process.stdout.write(JSON.stringify({ loadMs, activateMs, medianMs: loadMs + activateMs, subscriptions: context.subscriptions.length }) + '\n');
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
