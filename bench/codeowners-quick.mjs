/* global performance, console, process */
// Ad-hoc timing of the CODEOWNERS engine: N paths × M rules, both dialects.
// Usage: node bench/codeowners-quick.mjs [outDir=out] [paths=1000000] [rules=5000]
// (compile first: npx tsc -p tsconfig.test.json). No assertions: it prints timings.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const outDir = path.resolve(process.argv[2] ?? 'out');
const nPaths = Number(process.argv[3] ?? 1_000_000);
const nRules = Number(process.argv[4] ?? 5_000);
const co = require(path.join(outDir, 'src/core/sources/codeowners/index.js'));

let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const exts = ['ts', 'js', 'go', 'py', 'md', 'json', 'yaml', 'proto', 'rs', 'java', 'tsx', 'css'];
const services = 3000;

function rulesText(dialect) {
  const lines = ['* @acme/everyone'];
  if (dialect === 'gitlab') lines.push('[Services] @acme/platform');
  for (let i = 1; i < nRules; i++) {
    const svc = rand(services);
    const team = `@acme/team-${rand(300)}`;
    const k = rand(100);
    if (k < 55) lines.push(`/services/svc-${svc}/ ${team}`);
    else if (k < 65) lines.push(`/services/svc-${svc}/src/${['api', 'core', 'db'][rand(3)]}/ ${team}`);
    else if (k < 72) lines.push(`svc-${svc}/ ${team}`);
    else if (k < 78) lines.push(`*.${exts[rand(exts.length)]}${rand(5) === 0 ? 'x' : ''} ${team}`);
    else if (k < 84) lines.push(`/services/svc-${svc}/**/*.${exts[rand(exts.length)]} ${team}`);
    else if (k < 88) lines.push(`/libs/lib-${rand(500)}/* ${team}`);
    else if (k < 92) lines.push(`docs/svc-${svc}.md ${team}`);
    else if (k < 95) lines.push(`Makefile-${rand(50)} ${team}`);
    else if (k < 98) lines.push(`/services/*/test-${rand(40)}/ ${team}`);
    else lines.push(`*-${rand(100)}.lock ${team}`);
  }
  return lines.join('\n');
}

function makePaths() {
  const out = new Array(nPaths);
  for (let i = 0; i < nPaths; i++) {
    const ext = exts[rand(exts.length)];
    const k = rand(10);
    if (k < 7) {
      const depth = 1 + rand(4);
      let dir = `services/svc-${rand(services)}/${['src', 'test', 'test-3'][rand(3)]}`;
      for (let d = 0; d < depth; d++) dir += `/${['api', 'core', 'db', 'util', 'handlers', 'models'][rand(6)]}${d}`;
      out[i] = `${dir}/file-${rand(200)}.${ext}`;
    } else if (k < 9) out[i] = `libs/lib-${rand(500)}/${rand(2) ? 'src/' : ''}mod-${rand(50)}.${ext}`;
    else out[i] = `docs/svc-${rand(services)}.md`;
  }
  return out;
}

const paths = makePaths();
for (const dialect of ['github', 'gitlab']) {
  const text = rulesText(dialect);
  let t = performance.now();
  const parsed = co.parseCodeowners(text, 'CODEOWNERS', dialect);
  const tParse = performance.now() - t;
  t = performance.now();
  const index = new co.OwnershipIndex(parsed.codeowners);
  const tBuild = performance.now() - t;
  t = performance.now();
  const stats = index.stats(paths);
  const tStats = performance.now() - t;
  const fresh = new co.OwnershipIndex(parsed.codeowners);
  t = performance.now();
  let worst = 0;
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    fresh.ownersOf(paths[rand(paths.length)]);
    worst = Math.max(worst, performance.now() - t0);
  }
  const tOwners = (performance.now() - t) / 2000;
  const won = stats.won.reduce((a, b) => a + b, 0);
  console.log(
    `${dialect}: ${parsed.codeowners.rules.length} rules, ${paths.length} paths: parse ${tParse.toFixed(0)} ms, ` +
      `index ${tBuild.toFixed(0)} ms, stats ${tStats.toFixed(0)} ms (decisions ${won}), ` +
      `ownersOf cold avg ${tOwners.toFixed(3)} ms, worst ${worst.toFixed(3)} ms`,
  );
}
