/**
 * DESIGN.md section 6 in a real browser: modules, systems, teams, APIs, priority ids and titles
 * and escalation steps (a `javascript:` URL among them) named like markup,
 * Mermaid syntax, Mermaid directives or Mermaid keywords render as those characters, and no
 * script runs (no dialog, no alert, no CSP violation, no element built from a name).
 */
import * as assert from 'node:assert/strict';
import type { Model } from '../../src/core/model/types';
import type { DiagramPageMessage as WebviewMessage } from '../../src/protocol/diagram';
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
/** Priorities of vision.yaml: [id, title]; module m<i> serves priority i % length. */
const HOSTILE_PRIORITIES: [string, string][] = [
  ['<img src=p onerror=alert(6)>', '<script>alert(7)</script> first'],
  ['A]-->B[', 'click X call alert()'],
  ['%%{init: {"securityLevel":"loose"}}%%', 'A]-->B['],
  ['click X call alert()', '%%{init: {"securityLevel":"loose"}}%%'],
];
const HOSTILE_ESCALATION_URL = 'javascript:alert(8)';

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
      `      - { kind: pager, target: ${y('oncall <b>now</b>')}, url: ${y(HOSTILE_ESCALATION_URL)} }`,
      '',
    ].join('\n'),
    'vision.yaml': [
      'apiVersion: northstar/v1',
      'kind: Vision',
      'vision:',
      `  direction: ${y('<img src=v onerror=alert(9)>')}`,
      'priorities:',
      ...HOSTILE_PRIORITIES.flatMap(([id, title]) => [`  - id: ${y(id)}`, `    title: ${y(title)}`]),
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
    lines.push(`priorities: [${y(HOSTILE_PRIORITIES[i % HOSTILE_PRIORITIES.length][0])}]`);
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
    assert.deepEqual(model.priorities.map((p) => [p.id, p.title]), HOSTILE_PRIORITIES, 'the engine read every hostile priority');
    assert.equal(model.teams.find((t) => t.id === '@acme/hostile')?.escalation[1]?.url, HOSTILE_ESCALATION_URL);
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
      const select = p.posted.filter((m): m is Extract<WebviewMessage, { type: 'select' }> => m.type === 'select').at(-1);
      assert.deepEqual(select, { type: 'select', module: name });
      // A click only selects; a double click opens the contract, by the exact name.
      await p.page.locator('#stage g.node', { hasText: name }).first().dblclick();
      const open = p.posted.filter((m): m is Extract<WebviewMessage, { type: 'open' }> => m.type === 'open').at(-1);
      assert.deepEqual(open, { type: 'open', module: name });
      const text = await p.page.locator('#detailsBody').innerText();
      assert.ok(text.replace(/\s+/g, ' ').includes(`${HOSTILE_TEAM} declared as @acme/hostile`), text);
      assert.ok(text.includes('#<img src=z onerror=alert(5)>'), text);
      // The javascript: escalation URL is shown as text; nothing in the panel is a link to it.
      assert.ok(text.includes(`pager: oncall <b>now</b> (${HOSTILE_ESCALATION_URL})`), text);
      assert.equal(await p.page.locator('#details a[href], #details [href]').count(), 0);
    }
    // Priority ids and titles in the side panel: the module's own priority, as text.
    for (const [i, name] of HOSTILE.entries()) {
      if (i > 3) break;
      await p.page.locator('#stage g.node', { hasText: name }).first().click();
      await p.page.locator('#details:not([hidden]) h2', { hasText: name }).waitFor();
      const [id, title] = HOSTILE_PRIORITIES[i % HOSTILE_PRIORITIES.length];
      const priorities = await p.page.locator('#detailsBody section', { has: p.page.locator('h3', { hasText: 'Priorities' }) }).locator('span').allInnerTexts();
      assert.deepEqual(priorities, [`${title} (${id})`]);
    }
    // The search box focuses a module whatever its name.
    await p.page.fill('#search', 'click X call alert()');
    await p.page.press('#search', 'Enter');
    await p.rendered(3);
    const focused = (await drawnNodes(p.page)).filter((n) => n.classes.includes('focus'));
    assert.equal(focused.length, 1);
    assert.ok(focused[0].text.startsWith('click X call alert()'));
  });

  it('filtered by priority: hostile ids and titles fill the dropdown as text and filter by the exact id', async () => {
    p = await browser.open(model);
    const options = await p.page.$$eval('#priority option', (els) => els.map((e) => ({ value: (e as unknown as { value: string }).value, text: e.textContent })));
    assert.deepEqual(options, [{ value: '', text: 'all' }, ...HOSTILE_PRIORITIES.map(([id, title]) => ({ value: id, text: `${title} (${id})` }))]);
    for (const [k, [id]] of HOSTILE_PRIORITIES.entries()) {
      await p.page.selectOption('#priority', id);
      await p.rendered(k + 2);
      const expected = HOSTILE.filter((_, i) => i % HOSTILE_PRIORITIES.length === k);
      const firstLines = await p.page.$$eval('#stage svg g.node .nodeLabel p', (els) => els.map((e) => (e.childNodes[0]?.textContent ?? '').replace(/ ⚠ \d+$/, '')));
      assert.deepEqual([...firstLines].sort(), [...expected].sort(), `priority ${id}`);
      assert.equal(await p.page.inputValue('#priority'), id);
    }
  });
});
