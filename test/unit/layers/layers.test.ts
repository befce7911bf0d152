/**
 * The layer rules of eslint.config.mjs fail `npm run lint` on a violation: each case lints a
 * one-line import as if it were written in a file of that layer, and expects the error.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..', '..');

const cases: { file: string; code: string; allowed: boolean }[] = [
  { file: 'src/core/fs.ts', code: "import { main } from '../cli/main';", allowed: false },
  { file: 'src/core/fs.ts', code: "import * as vscode from 'vscode';", allowed: false },
  { file: 'src/core/fs.ts', code: "import { readFileSync } from 'node:fs';", allowed: false },
  { file: 'src/core/fs.ts', code: "import { createHash } from 'crypto';", allowed: false },
  { file: 'src/core/fs.ts', code: "import { sha256Hex } from '../node/hash';", allowed: false },
  { file: 'src/core/model/teams.ts', code: "import { x } from '../../webview/diagram-host';", allowed: false },
  { file: 'src/core/report/summary.ts', code: "import { buildModel } from '../build/model';", allowed: false },
  { file: 'src/core/report/summary.ts', code: "import { analyzeWorkspace } from '../analyze';", allowed: false },
  { file: 'src/core/report/summary.ts', code: "import { WorkspaceAnalyzer } from '../engine/analyzer';", allowed: false },
  { file: 'src/webview/diagram-host.ts', code: "import { x } from '../extension/model';", allowed: false },
  { file: 'src/node/setup.ts', code: "import { main } from '../cli/main';", allowed: false },
  { file: 'src/cli/main.ts', code: "import { activate } from '../extension/extension';", allowed: false },
  // What each layer may import.
  { file: 'src/core/report/summary.ts', code: "import { modulesByTeam } from '../model/teams';", allowed: true },
  { file: 'src/cli/main.ts', code: "import { readFileSync } from 'node:fs';", allowed: true },
  { file: 'src/node/setup.ts', code: "import { analyzeWorkspace } from '../core/analyze';", allowed: true },
];

describe('layer rules (eslint.config.mjs)', function () {
  this.timeout(120_000);
  // With CI=true, typescript-eslint infers a "single run" and parses each file from disk rather
  // than the text given, so the first lint of a path saw the real file and no violation.
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
  });

  for (const c of cases) {
    it(`${c.allowed ? 'allows' : 'refuses'} ${c.code} in ${c.file}`, async () => {
      const [result] = await eslint.lintText(`${c.code}\n`, { filePath: path.join(root, c.file) });
      const layerErrors = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
      assert.equal(layerErrors.length, c.allowed ? 0 : 1, JSON.stringify(result.messages.map((m) => m.message)));
    });
  }
});
