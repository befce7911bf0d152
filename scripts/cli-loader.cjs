'use strict';
// dist/cli.js (copied there by scripts/build.mjs): runs the CLI's bundle, northstar-cli.js beside
// it, with V8's code cache when the build left one for this very bundle and this V8. Compiling
// the 2 MB bundle is most of a process's start-up; with the cache V8 reads the compiled functions
// instead. Without a cache, or one for other bytes or another V8, the bundle compiles as any
// module does (V8 itself also refuses a cache made with other flags). The cache is written only
// by the build (NORTHSTAR_WRITE_CODE_CACHE), never at run time: nothing outside the package is read
// or written, and no cache another user could have left is run.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const { Module, createRequire } = require('node:module');

const file = path.join(__dirname, 'northstar-cli.js');
const bytes = fs.readFileSync(file);
// What the cache must have been made for: these bytes, this V8.
const key = `northstar-code-cache ${createHash('sha256').update(bytes).digest('hex')} ${process.versions.v8}\n`;
const cacheFile = path.join(__dirname, 'northstar-cli.cache');
let cachedData;
try {
  const cache = fs.readFileSync(cacheFile);
  if (cache.length > key.length && cache.toString('latin1', 0, key.length) === key) cachedData = cache.subarray(key.length);
} catch {
  // No cache: compiled as usual.
}
const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename: file, cachedData });
const out = process.env.NORTHSTAR_WRITE_CODE_CACHE;
// After the run, so that the functions it compiled are in the cache too.
if (out) process.once('exit', () => fs.writeFileSync(out, Buffer.concat([Buffer.from(key, 'latin1'), script.createCachedData()])));
const bundle = new Module(file, module);
bundle.filename = file;
bundle.loaded = true;
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, __dirname);
