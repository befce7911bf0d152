// The extension manifest (package.json) against the files and ids it names, and DESIGN section 4:
// activation only on Northstar's own files, commands titled "Northstar: …", schemas wired to files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository: the first folder up from here (out/test/unit/extension) holding package.json and syntaxes/, else the working directory. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'syntaxes'))) return dir;
  }
  return process.cwd();
}
const ROOT = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: boolean | object };
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    languages: { id: string; filenames?: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
    configuration: { properties: Record<string, { type: string; default: unknown }> };
    colors: { id: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string }[]>;
  };
};
const file = (p: string): string => path.join(ROOT, p.replace(/^\.\//, ''));

describe('extension manifest', () => {
  it('activates on the files of DESIGN section 1, the codeowners language and its own panels only', () => {
    // A webview panel restored after a reload activates the extension that serialises it.
    const panels = pkg.activationEvents.filter((e) => e.startsWith('onWebviewPanel:northstar.'));
    assert.deepEqual(pkg.activationEvents.filter((e) => !panels.includes(e)), [
      'workspaceContains:**/service-contract.{yaml,yml}',
      'workspaceContains:**/catalog-info.{yaml,yml}',
      'workspaceContains:teams.{yaml,yml}',
      'workspaceContains:vision.{yaml,yml}',
      'workspaceContains:.northstar.{yaml,yml}',
      'workspaceContains:CODEOWNERS',
      'workspaceContains:.github/CODEOWNERS',
      'workspaceContains:docs/CODEOWNERS',
      'workspaceContains:.gitlab/CODEOWNERS',
      'onLanguage:codeowners',
    ]);
    assert.equal(pkg.main, './dist/extension.js');
  });

  it('works in restricted workspaces and not in virtual ones (it reads local files)', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces, false);
  });

  it('shows every command as "Northstar: …" in the palette', () => {
    const ids = pkg.contributes.commands.map((c) => c.command);
    for (const id of ['northstar.showOutput', 'northstar.refresh', 'northstar.explainOwnership']) assert.ok(ids.includes(id), id);
    assert.equal(new Set(ids).size, ids.length, 'no command contributed twice');
    for (const c of pkg.contributes.commands) {
      assert.ok(c.command.startsWith('northstar.'), c.command);
      assert.equal(`${c.category ?? ''}: ${c.title}`.startsWith('Northstar: '), true, c.command);
    }
    for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
      for (const item of items) assert.ok(ids.includes(item.command), `${menu} names ${item.command}, which is not contributed`);
    }
  });

  it('contributes a walkthrough whose every step has its page and completes on a command that exists', () => {
    const manifest = pkg as unknown as { contributes: { walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string }; completionEvents: string[] }[] }[] } };
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.id, 'northstar.start');
    const ids = new Set(pkg.contributes.commands.map((c) => c.command));
    const builtIn = new Set(['workbench.actions.view.problems']);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['ownership', 'problems', 'diagram', 'init', 'summary']);
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && fs.existsSync(path.join(ROOT, step.media.markdown)), `${step.id}: its page exists`);
      for (const event of step.completionEvents) {
        const command = event.replace(/^onCommand:/, '');
        assert.ok(ids.has(command) || builtIn.has(command), `${step.id}: ${command} is a command`);
        assert.ok(step.description.includes(`(command:${command})`), `${step.id}: its description offers ${command}`);
      }
    }
  });

  it('contributes the codeowners language for files named CODEOWNERS, with its grammar and configuration', () => {
    const lang = pkg.contributes.languages.find((l) => l.id === 'codeowners');
    assert.ok(lang);
    assert.deepEqual(lang.filenames, ['CODEOWNERS']);
    const config = JSON.parse(fs.readFileSync(file(lang.configuration), 'utf8')) as { comments: { lineComment: string } };
    assert.equal(config.comments.lineComment, '#');
    const grammar = pkg.contributes.grammars.find((g) => g.language === 'codeowners');
    assert.ok(grammar);
    const tm = JSON.parse(fs.readFileSync(file(grammar.path), 'utf8')) as { scopeName: string };
    assert.equal(tm.scopeName, grammar.scopeName);
  });

  it('wires each of the four schemas to its files', () => {
    const byUrl = new Map(pkg.contributes.yamlValidation.map((v) => [v.url, v.fileMatch]));
    assert.deepEqual(Object.fromEntries(byUrl), {
      './schemas/service-contract.schema.json': ['service-contract.yaml', 'service-contract.yml'],
      './schemas/teams.schema.json': ['teams.yaml', 'teams.yml'],
      './schemas/vision.schema.json': ['vision.yaml', 'vision.yml'],
      './schemas/northstar-config.schema.json': ['.northstar.yaml', '.northstar.yml'],
    });
    for (const url of byUrl.keys()) assert.ok(fs.existsSync(file(url)), url);
  });

  it('has the view container, its view and the level colours the tree uses', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c) => c.id === 'northstar');
    assert.ok(container);
    assert.ok(fs.existsSync(file(container.icon)));
    assert.deepEqual(pkg.contributes.views.northstar.map((v) => v.id), ['northstar.overview']);
    const colors = pkg.contributes.colors.map((c) => c.id);
    for (const level of ['gold', 'silver', 'bronze', 'none']) assert.ok(colors.includes(`northstar.level.${level}`), level);
  });

  it('offers editor-side settings only', () => {
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).sort(), ['northstar.debounceMs', 'northstar.statusBar.enabled']);
    assert.equal(pkg.contributes.configuration.properties['northstar.debounceMs'].default, 300);
  });
});
