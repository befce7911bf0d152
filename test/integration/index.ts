// The test module VS Code's extension host loads (extensionTestsPath): mocha runs every
// *.test.js beside this file inside the host, with the real `vscode` API. run() rejecting is
// what makes the harness exit non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Must match TESTS_START_MARKER in scripts/vscode/run.mjs: the harness prints the console from this line on. */
const TESTS_START_MARKER = '[northstar] extension tests start';

export interface ResultsFile {
  passed: number;
  failed: number;
  failures: string[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  // A scenario may run only some files (NORTHSTAR_TEST_FILES=a.test.js,b.test.js): the 200,000-file one.
  const only = process.env.NORTHSTAR_TEST_FILES?.split(',').filter(Boolean);
  const files = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js') && (!only || only.includes(path.basename(f))))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const results: ResultsFile = { passed: 0, failed: 0, failures: [] };
  console.log(`${TESTS_START_MARKER} (${files.length} file(s), VS Code ${vscode.version})`);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The harness reads the counts from here: the workbench only reports an exit code.
      const out = process.env.NORTHSTAR_TEST_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else if (results.passed === 0) reject(new Error(`no integration tests ran (looked in ${__dirname})`));
      else resolve();
    });
    runner.on('pass', () => { results.passed++; });
    runner.on('fail', (test, err: unknown) => {
      results.failed++;
      results.failures.push(`${test.fullTitle()}: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
}
