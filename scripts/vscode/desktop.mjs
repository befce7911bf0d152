// The integration tests in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (or have one: VSCODE_EXECUTABLE=/path/to/code-binary). Ours cannot: the default
// path is code-server (scripts/vscode/test.mjs); this one stops with a clear message instead.
//
//   node scripts/vscode/desktop.mjs [--workspace PATH] [--version 1.100.3]
// On Linux without a display, run it under xvfb-run.
import { spawnSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './install.mjs';
import { exampleWorkspace } from './run.mjs';

const { values } = parseArgs({ options: { workspace: { type: 'string' }, version: { type: 'string', default: '1.100.3' } } });
const workspace = resolve(values.workspace ?? exampleWorkspace());

for (const [name, args] of [['build', ['scripts/build.mjs']], ['compile tests', [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']]]) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) { console.error(`[vscode:desktop] ${name} failed`); process.exit(1); }
}

try {
  const code = await runTests({
    version: values.version,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { NORTHSTAR_TEST_TRUSTED: 'true', NORTHSTAR_TEST_FOLDERS: basename(workspace) },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exit(code);
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|download|Failed to get/i.test(reason) && !process.env.VSCODE_EXECUTABLE) {
    console.error(`[vscode:desktop] desktop VS Code ${values.version} cannot be downloaded here (${reason.split('\n')[0]}).\n` +
      '  Run the same tests in code-server instead:  npm run test:vscode   (node scripts/vscode/test.mjs)\n' +
      '  or point VSCODE_EXECUTABLE at a local VS Code binary.');
  } else {
    console.error(`[vscode:desktop] ${reason}`);
  }
  process.exit(1);
}
