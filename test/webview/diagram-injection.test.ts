/**
 * DESIGN.md section 6 in a real browser: modules, systems, teams and APIs named like markup,
 * Mermaid syntax, Mermaid directives or Mermaid keywords render as those characters, and no
 * script runs (no dialog, no alert, no CSP violation, no element built from a name).
 */
import * as assert from 'node:assert/strict';
import type { Model } from '../../src/core/model/types';
import type { WebviewMessage } from '../../src/webview/diagram-protocol';
import { analyze, DiagramBrowser, drawnNodes, drawnSubgraphs, type DiagramPage } from './diagramHarness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'A]-->B[',
  '"quoted"',
  'click X call alert()',
  '%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%',
  '<script>alert(2)</script>',
  'end',
  'class',
  'click',
  'o-auth',
  'x-ray',
  'style m1 fill:#f00',
  '&lt;b&gt;bold&lt;/b&gt;',
];
const HOSTILE_TEAM = '<img src=y onerror=alert(3)> "Team" ]]-->';
const HOSTILE_API = '<b onmouseover=alert(4)>api</b> -->|x|';

/** A workspace whose every name is hostile: a contract per module, a teams.yaml, a consumed API. */
function hostileWorkspace(): Record<string, string> {
  const y = (s: string): string => JSON.stringify(s); // JSON strings are YAML double-quoted scalars
  const files: Record<string, string> = {
    'teams.yaml': [
      'apiVersion: northstar/v1',
      'kind: Teams',
      'teams:',
      `  - id: "@acme/hostile"`,
      `    name: ${y(HOSTILE_TEAM)}`,
      '    escalation:',
      `      - { kind: chat, target: ${y('#<img src=z onerror=alert(5)>')} }`,
      '',
    ].join('\n'),
    '.github/CODEOWNERS': '* @acme/hostile\n',
  };
  HOSTILE.forEach((name, i) => {
    const lines = [
      'apiVersion: northstar/v1',
      'kind: ServiceContract',
      `name: ${y(name)}`,
      'owner: "@acme/hostile"',
      'type: library',
      `system: ${y(HOSTILE[(i + 3) % HOSTILE.length])}`,
    ];
    if (i > 0) lines.push(`dependsOn: [${y(HOSTILE[i - 1])}]`);
    if (i === 0) lines.push('provides:', `  - { name: ${y(HOSTILE_API)}, type: other }`);
    if (i === 4) lines.push(`consumes: [${y(HOSTILE_API)}]`);
    files[`libs/m${i}/service-contract.yaml`] = lines.join('\n') + '\n';
  });
  return files;
}

describe('diagram webview: hostile names (Chromium)', function () {
  this.timeout(120_000);
  const browser = new DiagramBrowser();
  let model: Model;
  let p: DiagramPage;

  before(async () => {
    await browser.start();
    model = await analyze(hostileWorkspace());
    assert.deepEqual(model.modules.map((m) => m.name).sort(), [...HOSTILE].sort(), 'the engine read every hostile name');
  });
  afterEach(async () => {
    const pwned = (await p.page.evaluate(() => window.__pwned)) as string[];
    const csp = (await p.page.evaluate(() => window.__csp)) as string[];
    assert.deepEqual(pwned, [], 'no alert/confirm/prompt ran');
    assert.deepEqual(csp, [], 'no CSP violation (nothing tried to run)');
    assert.deepEqual(p.incidents, [], 'no dialog, page error or console error');
    const injected = await p.page.$$eval('body *', (els) =>
      els.filter((e) => e.tagName.toLowerCase() === 'img' || e.tagName.toLowerCase() === 'script' && !e.hasAttribute('nonce') || [...e.attributes].some((a) => /^on/i.test(a.name)) || e.tagName.toLowerCase() === 'b').map((e) => e.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(injected, [], 'no element or handler came from a name');
    await p.close();
  });
  after(() => browser.stop());

  it('grouped by system: every module, system and API name shows as its characters', async () => {
    p = await browser.open(model);
    assert.equal((await p.rendered()).render, 'done');
    const nodes = await drawnNodes(p.page);
    assert.equal(nodes.length, HOSTILE.length, 'one node per module, none injected');
    const firstLines = await p.page.$$eval('#stage svg g.node .nodeLabel p', (els) => els.map((e) => (e.childNodes[0]?.textContent ?? '').replace(/ ⚠ \d+$/, '')));
    assert.deepEqual([...firstLines].sort(), [...HOSTILE].sort());
    assert.ok(nodes.every((n) => /^m\d+$/.test(n.id)), 'generated ids');
    assert.deepEqual((await drawnSubgraphs(p.page)).sort(), [...HOSTILE].sort());
    const edgeLabels = await p.page.$$eval('#stage svg g.edgeLabel', (els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
    assert.deepEqual(edgeLabels, [HOSTILE_API]);
    // Every module has its dependency edge, plus the API edge: no edge was added or lost by a name.
    assert.equal(await p.page.locator('#stage svg path.flowchart-link').count(), HOSTILE.length - 1 + 1);
  });

  it('grouped by team, and in the side panel: the team and escalation show as text; a click posts the exact name', async () => {
    p = await browser.open(model);
    await p.page.selectOption('#groupBy', 'team');
    await p.rendered(2);
    assert.deepEqual(await drawnSubgraphs(p.page), [HOSTILE_TEAM]);
    const options = await p.page.$$eval('#team option', (els) => els.map((e) => e.textContent));
    assert.ok(options.includes(`${HOSTILE_TEAM} (@acme/hostile)`), options.join(' | '));
    for (const name of ['<img src=x onerror=alert(1)>', 'A]-->B[', '%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%']) {
      await p.page.locator('#stage g.node', { hasText: name }).first().click();
      await p.page.locator('#details:not([hidden]) h2', { hasText: name }).waitFor();
      const open = p.posted.filter((m): m is Extract<WebviewMessage, { type: 'open' }> => m.type === 'open').at(-1);
      assert.deepEqual(open, { type: 'open', module: name });
      const text = await p.page.locator('#detailsBody').innerText();
      assert.ok(text.includes(`@acme/hostile (${HOSTILE_TEAM})`), text);
      assert.ok(text.includes('#<img src=z onerror=alert(5)>'), text);
    }
    // The search box focuses a module whatever its name.
    await p.page.fill('#search', 'click X call alert()');
    await p.page.press('#search', 'Enter');
    await p.rendered(3);
    const focused = (await drawnNodes(p.page)).filter((n) => n.classes.includes('focus'));
    assert.equal(focused.length, 1);
    assert.ok(focused[0].text.startsWith('click X call alert()'));
  });
});
