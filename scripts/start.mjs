// `npm start`: opens the example workspace with Northstar loaded from this folder.
// Desktop VS Code when `code` is on PATH; otherwise code-server (installed on demand into
// .vscode-test/) bound to 127.0.0.1, opened in your browser at the printed URL. Ctrl+C stops it.
//
//   node scripts/start.mjs [--code-server] [--port N] [WORKSPACE]
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './vscode/install.mjs';
import { exampleWorkspace, startCodeServer, workbenchUrl } from './vscode/run.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'code-server': { type: 'boolean' }, port: { type: 'string' } },
});
const hasDesktopCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
// Desktop `code` returns while the window stays open: its copy of the example is kept (in the temporary folder).
const workspace = resolve(positionals[0] ?? exampleWorkspace({ keep: hasDesktopCode && !values['code-server'] }));

if (hasDesktopCode && !values['code-server']) {
  console.log(`Opening ${workspace} in VS Code with the extension from ${ROOT}`);
  const code = spawn('code', [`--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  const port = values.port ? Number(values.port) : process.env.PORT ? Number(process.env.PORT) : undefined;
  // A first run as a user gets it: the walkthrough opens (src/extension/welcome.ts).
  const server = await startCodeServer({ port, settings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true } });
  const url = workbenchUrl(server.url, { workspace, extensionDevelopmentPath: ROOT });
  console.log(`\nNorthstar is running in code-server (VS Code 1.100) on 127.0.0.1 only. Open:\n\n  ${url}\n`);
  console.log('From another machine: ssh -L <port>:127.0.0.1:<port> this-host, then open the same URL.');
  console.log('After a rebuild (npm run build), reload the window (F1 → "Developer: Reload Window"). Ctrl+C stops.');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { stopping = true; console.log('\nStopping code-server…'); });
  const status = await server.exited;
  if (!stopping) { // run.mjs stops the server on Ctrl+C and exits; anything else is a crash
    console.error(`code-server stopped unexpectedly (exit ${status}); log: ${server.logFile}`);
    process.exit(1);
  }
}
