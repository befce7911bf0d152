/* global console, process */
// A generated workspace of 200,000 small files for the responsiveness scenario of
// scripts/vscode/test.mjs: 200 services of 1,000 source files each (5 folders of 200), a
// CODEOWNERS with a line per service, teams.yaml, and a service-contract.yaml in every tenth
// service. Written into a temporary folder (never into the repository) and deterministic.
//
//   node scripts/vscode/large-workspace.mjs [DIR] [--files N]
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LARGE_FOLDER_NAME = 'northstar-large';
export const LARGE_FILE_COUNT = 200_000;

const SERVICES = 200;
const FOLDERS_PER_SERVICE = 5;

function team(s) {
  return `@scale/team-${s % 20}`;
}

/**
 * Writes the workspace into `dir` (created; expected empty) and resolves to the number of files
 * written. Writes run 16 at a time: one by one, 200,000 files take over a minute here.
 * @param {string} dir
 * @param {number} [files] how many source files in all (spread over the 200 services)
 */
export async function writeLargeWorkspace(dir, files = LARGE_FILE_COUNT) {
  const perService = Math.ceil(files / SERVICES);
  const perFolder = Math.ceil(perService / FOLDERS_PER_SERVICE);
  /** @type {[string, string][]} */
  const queue = [];
  const put = (path, text) => { queue.push([join(dir, ...path.split('/')), text]); };
  mkdirSync(join(dir, '.github'), { recursive: true });
  const codeowners = ['# Generated: 200 services, one line each, most specific last.', '* @scale/platform', ''];
  for (let s = 0; s < SERVICES; s++) codeowners.push(`/services/svc-${s}/ ${team(s)}`);
  codeowners.push('*.md @scale/docs', '');
  put('.github/CODEOWNERS', codeowners.join('\n'));
  const teams = ['apiVersion: northstar/v1', 'kind: Teams', 'teams:'];
  for (const id of ['@scale/platform', '@scale/docs', ...Array.from({ length: 20 }, (_, i) => `@scale/team-${i}`)]) {
    teams.push(`  - id: "${id}"`, `    name: ${id.slice(7)}`, '    escalation:', `      - { kind: chat, target: "#${id.slice(7)}" }`);
  }
  put('teams.yaml', teams.join('\n') + '\n');
  let left = files;
  for (let s = 0; s < SERVICES && left > 0; s++) {
    const base = `services/svc-${s}`;
    mkdirSync(join(dir, base), { recursive: true });
    if (s % 10 === 0) {
      put(`${base}/service-contract.yaml`, [
        'apiVersion: northstar/v1', 'kind: ServiceContract', `name: svc-${s}`, `owner: "${team(s)}"`, 'tier: 2', 'lifecycle: production', '',
      ].join('\n'));
    }
    for (let f = 0; f < FOLDERS_PER_SERVICE && left > 0; f++) {
      const folder = `${base}/src/part${f}`;
      mkdirSync(join(dir, folder), { recursive: true });
      for (let i = 0; i < perFolder && left > 0; i++, left--) {
        put(`${folder}/file${i}.ts`, `export const value${i} = ${s * 1000 + f * perFolder + i};\n`);
      }
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const [file, text] = queue[next++];
      await writeFile(file, text);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return queue.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const n = args.indexOf('--files');
  const files = n >= 0 ? Number(args[n + 1]) : LARGE_FILE_COUNT;
  const dir = resolve(args.find((a, i) => !a.startsWith('--') && (n < 0 || i !== n + 1)) ?? LARGE_FOLDER_NAME);
  mkdirSync(dir, { recursive: true });
  const t = Date.now();
  const written = await writeLargeWorkspace(dir, files);
  console.log(`${written} files in ${dir} (${Date.now() - t} ms)`);
}
