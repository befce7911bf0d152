/**
 * What the hostile manifest cannot say about output (issue "Hostile input, round 2", classes 4
 * and 5): stdout holds no byte a terminal acts on, JSON is strict (no lone surrogates), the
 * Markdown summary renders no HTML, link or heading of its own from workspace text, and big
 * reports arrive whole, in chunks, without a crash. The workspaces are the corpus's own cases
 * (test/hostile/manifests/output.json), materialised as the corpus does; each CLI run goes
 * in-process through `main()` and spawned.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { main } from '../../src/cli/main';
import { escapeMarkdown, escapeTerminal, markdownCode, markdownHeading, wellFormed } from '../../src/core/report/escape';
import { writeJson } from '../../src/core/report/stream';
import { loadManifest, materialize } from '../hostile/corpus';
import { RUNNERS, schemaErrors } from './helpers';

// ---------------------------------------------------------------------------
// What "safe" means, byte by byte

/** C0 controls but line feed, DEL, C1 controls, line/paragraph separators and bidi controls. */
// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function assertTerminalSafe(text: string, what: string): void {
  const hit = TERMINAL_UNSAFE.exec(text);
  assert.equal(hit, null, `${what}: U+${hit?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${hit?.index}: ${JSON.stringify(text.slice(Math.max(0, (hit?.index ?? 0) - 40), (hit?.index ?? 0) + 40))}`);
  assert.ok(wellFormed(text) === text, `${what}: a lone surrogate`);
}

function hasLoneSurrogate(text: string): boolean {
  return wellFormed(text) !== text;
}

/** Every string and key of a parsed JSON value is well-formed UTF-16 (what a strict parser demands). */
function assertStrictJson(text: string, what: string): unknown {
  // JSON.stringify writes a lone surrogate as the escape \udxxx, which parses back to it: every parsed string is checked.
  assert.ok(!hasLoneSurrogate(text), `${what}: a raw lone surrogate`);
  const value: unknown = JSON.parse(text);
  const visit = (v: unknown): void => {
    if (typeof v === 'string') assert.ok(!hasLoneSurrogate(v), `${what}: lone surrogate in ${JSON.stringify(v)}`);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        assert.ok(!hasLoneSurrogate(k), `${what}: lone surrogate in key ${JSON.stringify(k)}`);
        visit(x);
      }
    }
  };
  visit(value);
  return value;
}

// ---------------------------------------------------------------------------
// The corpus's workspaces

const CASES = new Map(loadManifest().map((c) => [c.id, c]));
let scratch = '';
const roots = new Map<string, string>();

function caseRoot(id: string): string {
  let root = roots.get(id);
  if (!root) {
    const c = CASES.get(id);
    if (!c) throw new Error(`no hostile case ${id}`);
    root = materialize(c, scratch);
    roots.set(id, root);
  }
  return root;
}

before(function () {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-output-safety-'));
});
after(function () {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('output safety: terminals', function () {
  this.timeout(60_000);

  for (const [runner, run] of RUNNERS) {
    describe(runner, function () {
      it('check (text) shows control characters and bidi overrides from names as visible escapes', async function () {
        const root = caseRoot('output-terminal-contracts');
        const r = await run(['check', '--root', root], root);
        assert.equal(r.code, 1, r.stderr);
        assertTerminalSafe(r.stdout, 'check');
        assert.ok(r.stdout.includes('Module "payments\\x1b[2J\\x1b[31m" depends on "ledger\\x07"'), r.stdout.slice(0, 2000));
        assert.ok(r.stdout.includes('"ledger\\x9b2J\\u202etxt.exe"'));
        assert.ok(r.stdout.includes('"fraud\\u2066scoring\\u2069"'));
        assert.ok(r.stdout.includes('@acme/platform\\x1b]8;;https://evil.example/\\x1b\\'), 'the OSC 8 hyperlink is shown, not opened');
        // Ordinary Unicode is kept.
        assert.match(r.stdout, /→|✖/);
      });

      it('owners shows module names and file names with control characters escaped', async function () {
        const root = caseRoot('output-terminal-contracts');
        const r = await run(['owners', '--root', root, 'services/payments/src/charge.ts', 'services/ledger'], root);
        assert.equal(r.code, 0, r.stderr);
        assertTerminalSafe(r.stdout, 'owners');
        assert.match(r.stdout, /^services\/payments\/src\/charge\.ts {2}@acme\/payments {2}\(CODEOWNERS:3 \/services\/payments\/\) {2}\[payments\\x1b\[2J\\x1b\[31m\]$/m);
        assert.ok(r.stdout.includes('[ledger\\x9b2J\\u202etxt.exe]'));

        const files = caseRoot('output-terminal-file-names');
        const paths = ['docs/\u001b[2Jreadme.md', 'src/bell\u0007.ts', 'src/report\r.ts', 'src/csi\u009b31m.ts', 'src/\u202egnp.exe'];
        const o = await run(['owners', '--root', files, ...paths], files);
        assert.equal(o.code, 0, o.stderr);
        assertTerminalSafe(o.stdout, 'owners of hostile file names');
        assert.deepEqual(
          o.stdout.split('\n').map((l) => l.split('  ')[0]),
          ['docs/\\x1b[2Jreadme.md', 'src/bell\\x07.ts', 'src/report\\x0d.ts', 'src/csi\\x9b31m.ts', 'src/\\u202egnp.exe', ''],
        );
        // JSON keeps the names exactly: JSON escapes control characters itself.
        const j = await run(['owners', '--json', '--root', files, ...paths], files);
        assert.deepEqual((assertStrictJson(j.stdout, 'owners --json') as { path: string }[]).map((e) => e.path), paths);
      });

      it('owners and patterns from CODEOWNERS are escaped in check and owners output', async function () {
        const root = caseRoot('output-codeowners-control-owners');
        const r = await run(['check', '--root', root], root);
        assert.equal(r.code, 1, r.stderr);
        assertTerminalSafe(r.stdout, 'check');
        assert.ok(r.stdout.includes('"@acme/web\\x1b]8;;https://evil.example/\\x07" is not a valid owner'), r.stdout);
        assert.ok(r.stdout.includes('Pattern "/gone/\\x1b[2J/" matches no file'));
        assert.ok(r.stdout.includes('"@acme/\\u2066tools\\u2069" is not a valid owner'));
        const o = await run(['owners', '--root', root, 'docs/\u202e/index.md'], root);
        assertTerminalSafe(o.stdout, 'owners');
        assert.equal(o.stdout, 'docs/\\u202e/index.md  @acme/docs  (.github/CODEOWNERS:3 /docs/\\u202e/)\n');
      });

      it('error messages quoting a path escape it too', async function () {
        const root = caseRoot('output-terminal-contracts');
        const r = await run(['owners', '--root', root, '../\u001b]8;;https://evil.example/\u0007x'], root);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assertTerminalSafe(r.stderr.replace(/\n$/, ''), 'stderr');
        assert.match(r.stderr, /^northstar: path is outside the root: \.\.\/\\x1b\]8;;https:\/\/evil\.example\/\\x07x\n$/);
      });
    });
  }
});

describe('output safety: strict JSON', function () {
  this.timeout(60_000);

  for (const [runner, run] of RUNNERS) {
    it(`${runner}: JSON, SARIF, GitLab, owners, model and summary carry no lone surrogate`, async function () {
      const root = caseRoot('output-lone-surrogates');
      const check = await run(['check', '--root', root, '--format', 'json'], root);
      assert.equal(check.code, 1, check.stderr);
      const findings = (assertStrictJson(check.stdout, 'check json') as { findings: { message: string }[] }).findings;
      assert.ok(findings.some((f) => f.message.includes('Module "payments\ufffd" depends on "ledger\ufffd"')), check.stdout.slice(0, 3000));
      assert.equal(schemaErrors('check', JSON.parse(check.stdout)), '');

      const sarif = await run(['check', '--root', root, '--format', 'sarif'], root);
      assert.equal(schemaErrors('sarif', assertStrictJson(sarif.stdout, 'sarif')), '');
      const gitlab = await run(['check', '--root', root, '--format', 'gitlab'], root);
      assert.equal(schemaErrors('gitlab', assertStrictJson(gitlab.stdout, 'gitlab')), '');
      const owners = await run(['owners', '--json', '--root', root, 'services/payments/main.go'], root);
      assert.equal(schemaErrors('owners', assertStrictJson(owners.stdout, 'owners')), '');
      const model = await run(['model', '--root', root], root);
      const parsed = assertStrictJson(model.stdout, 'model') as { modules: { name: string; description: string }[] };
      const payments = parsed.modules.find((m) => m.name === 'payments\ufffd');
      assert.ok(payments, 'the module name keeps its text, the lone surrogate as U+FFFD');
      // Pairs are kept; lone halves (one reversed pair is two lone halves) are replaced.
      assert.equal(payments.description, 'Card payments \ufffd and \ufffd\ufffd reversed; a real pair stays: \u{1f600}');
      const summary = await run(['summary', '--root', root, '--format', 'json'], root);
      assert.equal(schemaErrors('summary', assertStrictJson(summary.stdout, 'summary')), '');
    });
  }
});

describe('output safety: Markdown summary', function () {
  this.timeout(60_000);
  const markdown = new MarkdownIt({ html: true, linkify: true });

  for (const [runner, run] of RUNNERS) {
    it(`${runner}: a priority id, titles, owners, metrics, capacity and team names render as text`, async function () {
      const root = caseRoot('output-markdown-injection');
      const r = await run(['summary', '--root', root], root);
      assert.equal(r.code, 0, r.stderr);
      assertTerminalSafe(r.stdout.replace(/\n/g, ' '), 'summary.md');
      const html = markdown.render(r.stdout);
      // Only the summary's own structure: no HTML, link, image or heading from the workspace.
      assert.doesNotMatch(html, /<(img|script|details|b|br|a)[\s>]/i, html);
      assert.deepEqual(
        [...html.matchAll(/<h(\d)>(.*?)<\/h\d>/g)].map((m) => `${m[1]} ${m[2].slice(0, 30)}`),
        [
          '1 Vision summary',
          '2 Priorities',
          '3 Conversion [rate](https://evil',
          '2 Coverage',
          '2 Scorecard',
          '3 Next level per module',
          '2 Capacity allocation',
          '2 Top gaps per owner',
          '3 Checkout # Owned by &lt;b&gt;n',
        ],
      );
      // The id stays whole, as code, on its heading's line.
      assert.ok(html.includes('<code>conversion`) &lt;img src=x onerror=alert(1)&gt; [click me](javascript:alert(1)) # Injected heading</code>'), html);
      // Tables keep their columns: a pipe or a line break in a name cannot add a cell or a row.
      for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
        const cells = (row.match(/<t[dh]>/g) ?? []).length;
        assert.ok(cells === 2 || cells === 5, row);
      }
      assert.ok(html.includes('<td>conversion | rate | --- |</td>'));
      assert.ok(html.includes('<li># Not a heading</li>') && html.includes('<li>1. not a list</li>'));
      assert.ok(html.includes('<li>![tracker](https://evil.example/pixel.png)</li>'), 'no image, no link');
    });
  }
});

describe('output safety: scale', function () {
  this.timeout(300_000);

  it('owners --stdin with 150,000 paths (text and JSON; Math.max(...) overflowed from about 125,000)', async function () {
    const root = caseRoot('output-200k-findings');
    const paths = Array.from({ length: 150_000 }, (_, i) => `services/payments/src/file-${i}.ts`);
    for (const [runner, run] of RUNNERS) {
      const text = await run(['owners', '--stdin', '--root', root], root, paths.join('\n') + '\n');
      assert.equal(text.code, 0, `${runner}: ${text.stderr}`);
      const lines = text.stdout.split('\n');
      assert.equal(lines.length, 150_001, runner);
      assert.match(lines[149_999], /^services\/payments\/src\/file-149999\.ts {2}@acme\/platform {2}\(CODEOWNERS:1 \*\) {2}\[payments\]$/);
      const json = await run(['owners', '--json', '--stdin', '--root', root], root, paths.join('\n'));
      assert.equal(json.code, 0, `${runner}: ${json.stderr}`);
      const entries = JSON.parse(json.stdout) as { path: string; owners: string[] }[];
      assert.equal(entries.length, 150_000);
      assert.deepEqual(entries[149_999].owners, ['@acme/platform']);
    }
  });

  it('check writes 200,000 findings in chunks through io.stdout, in every format', async function () {
    const root = caseRoot('output-200k-findings');
    for (const format of ['text', 'json', 'sarif', 'gitlab']) {
      const chunks: string[] = [];
      let stderr = '';
      const code = await main(['check', '--root', root, '--format', format], { stdout: (t) => void chunks.push(t), stderr: (t) => void (stderr += t), cwd: root });
      assert.equal(code, 0, `${format}: ${stderr}`);
      assert.ok(chunks.length > 100, `${format}: ${chunks.length} chunks`);
      assert.ok(Math.max(...chunks.slice(0, 1000).map((c) => c.length)) < 1024 * 1024, `${format}: chunks stay small`);
      const out = chunks.join('');
      if (format === 'text') assert.ok(out.endsWith('⚠ 200002 problems (0 errors, 200002 warnings, 0 infos)\n'), out.slice(-200));
      else {
        const parsed = JSON.parse(out) as { findings?: unknown[]; runs?: { results: unknown[] }[] } | unknown[];
        const count = Array.isArray(parsed) ? parsed.length : (parsed.findings?.length ?? parsed.runs?.[0].results.length);
        // SARIF: GitHub takes at most 25,000 results a run; the log says it left the rest out, and so does stderr.
        assert.equal(count, format === 'sarif' ? 25_000 : 200_002, format);
        if (format === 'sarif') {
          assert.deepEqual((parsed as unknown as { runs: { properties: unknown }[] }).runs[0].properties, { findings: 200_002, results: 25_000, truncated: 'maxResults' });
          assert.match(stderr, /^northstar: the SARIF log holds the 25000 most severe of 200002 findings: GitHub accepts at most 25000 results a run/);
        } else assert.equal(stderr, '', format);
      }
    }
  });

  it('the text report does not pad every line to one hostile 90,000-character message', async function () {
    const root = caseRoot('output-text-alignment');
    for (const [runner, run] of RUNNERS) {
      const r = await run(['check', '--root', root], root);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      const long = lines.filter((l) => l.length > 600);
      assert.equal(long.length, 1, `${runner}: only the line of the long message is long`);
      assert.ok(r.stdout.length < 10_000_000, `${runner}: ${r.stdout.length} characters`);
    }
  });
});

// ---------------------------------------------------------------------------
// The escapes and the JSON writer on their own

describe('escapeTerminal, wellFormed, escapeMarkdown, markdownCode', function () {
  it('escapeTerminal: controls and bidi as visible escapes, ordinary Unicode kept', function () {
    assert.equal(escapeTerminal('a\u001b[31mb\u0007c\rd\u009be\u202ef\u2066g'), 'a\\x1b[31mb\\x07c\\x0dd\\x9be\\u202ef\\u2066g');
    assert.equal(escapeTerminal('café 東京 😀 ✖ → —'), 'café 東京 😀 ✖ → —');
    assert.equal(escapeTerminal('x\ud800y'), 'x\ufffdy');
  });

  it('wellFormed: lone halves become U+FFFD, pairs stay', function () {
    assert.equal(wellFormed('\ud83d\ude00'), '\ud83d\ude00');
    assert.equal(wellFormed('\ude00\ud83d'), '\ufffd\ufffd');
    assert.equal(wellFormed('a\ud800'), 'a\ufffd');
    assert.equal(wellFormed('\udfffb'), '\ufffdb');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const w = wellFormed(s);
        assert.equal(w.length, s.length);
        assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(w));
        // Encoding to UTF-8 and back is lossless once well-formed.
        assert.equal(Buffer.from(w, 'utf8').toString('utf8'), w);
      }),
    );
  });

  it('escapeTerminal output never holds a character a terminal acts on', function () {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => !TERMINAL_UNSAFE.test(escapeTerminal(s)) && !hasLoneSurrogate(escapeTerminal(s))));
  });

  it('escapeMarkdown: one line of plain text whatever the input', function () {
    assert.equal(escapeMarkdown('# a\nb'), '\\# a b');
    assert.equal(escapeMarkdown('<img src=x> [l](javascript:x) `c` *e* _u_ |p| ~s~ \\'), '&lt;img src=x&gt; \\[l\\](javascript:x) \\`c\\` \\*e\\* \\_u\\_ \\|p\\| \\~s\\~ \\\\');
    assert.equal(escapeMarkdown('&lt;b&gt;'), '&amp;lt;b&amp;gt;');
    assert.equal(escapeMarkdown('see https://evil.example and www.evil.example'), 'see https\\://evil.example and www\\.evil.example');
    assert.equal(escapeMarkdown('1. x'), '1\\. x');
    assert.equal(escapeMarkdown('(no owner)'), '(no owner)');
    // Found by the property below (seed 1170749781): four leading spaces made a code block.
    assert.equal(escapeMarkdown('\r    <'), '&lt;');
    assert.equal(escapeMarkdown('a\u001bb'), 'a\\\\x1bb');
    const md = new MarkdownIt({ html: true, linkify: true });
    const piece = fc.constantFrom('<', '>', '&', '[', ']', '(', ')', '!', '#', '*', '_', '`', '|', '\\', '\n', '\r', '-', '=', '1.', 'a', ' ', 'https://', 'www.', '<img src=x>', '\u001b', '~', ':');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const escaped = escapeMarkdown(parts.join(''));
        assert.ok(!escaped.includes('\n') && !escaped.includes('\r'));
        // As a paragraph and as a list item: text only, never a tag, link, heading or code.
        for (const doc of [escaped, `- ${escaped}`, `### ${escaped}`]) {
          const html = md.render(doc);
          const tags = [...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]);
          for (const t of tags) assert.ok(['p', 'ul', 'li', 'h3'].includes(t), `${JSON.stringify(doc)} → ${html}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('markdownHeading: a heading that shows the text as written (no entity decoded, no "#" dropped), and only text', function () {
    assert.equal(markdownHeading('Catalog & Search'), 'Catalog & Search');
    assert.equal(markdownHeading('Team #'), 'Team \\#');
    assert.equal(markdownHeading('C#'), 'C#');
    assert.equal(markdownHeading('R&D &amp; &#35; &#x23; &x'), 'R&D &amp;amp; &amp;#35; &amp;#x23; &x');
    const md = new MarkdownIt({ html: true, linkify: true });
    const decode = (html: string): string => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const piece = fc.constantFrom('a', ' ', '&', '#', '##', '&amp;', '&#35;', '&#x23;', 'amp;', ';', '<', '>', '<b>', '[', ']', '(', ')', '!', '*', '_', '`', '|', '\\', '~', '-', '=', '1.', ':', 'https://', 'www.');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const html = md.render(`### ${markdownHeading(text)}`).trim();
        const m = /^<h3>([^<]*)<\/h3>$/.exec(html);
        assert.ok(m, `${JSON.stringify(text)} → ${html}`);
        assert.equal(decode(m[1]), text.trim(), `${JSON.stringify(text)} → ${html}`);
      }),
      { numRuns: 500 },
    );
  });

  it('markdownCode: one code span holding the text, whatever backticks it contains', function () {
    const md = new MarkdownIt({ html: true });
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x`'), '`` `x` ``');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('`', '``', 'a', ' ', '<b>', '\n', '# h', '[x](y)'), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const html = md.render(`### ${markdownCode(text)}`).trim();
        assert.match(html, /^<h3>(<code>[^<]*<\/code>)?<\/h3>$/, `${JSON.stringify(text)} → ${html}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('writeJson', function () {
  function written(value: unknown, walkDepth: number): string {
    const parts: string[] = [];
    writeJson(value, (p) => void parts.push(p), { walkDepth });
    return parts.join('');
  }

  it('prints exactly what JSON.stringify(value, null, 2) prints, at any walk depth', function () {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        assert.equal(written(value, depth), JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
    const withUndefined = { a: undefined, b: [undefined, 1, () => 1], c: {}, d: [], e: { f: null } };
    for (let d = 0; d < 4; d++) assert.equal(written(withUndefined, d), JSON.stringify(withUndefined, null, 2));
  });

  it('writes a generator as an array, one element at a time', function () {
    function* items(): Generator<{ n: number }> {
      for (let n = 0; n < 3; n++) yield { n };
    }
    function* none(): Generator<number> {}
    assert.equal(written({ list: items(), empty: none() }, 1), JSON.stringify({ list: [{ n: 0 }, { n: 1 }, { n: 2 }], empty: [] }, null, 2));
  });

  it('replaces lone surrogates in values and keys, leaving pairs', function () {
    const text = written({ 'k\ud800': ['v\udc00', 'ok \ud83d\ude00'] }, 0);
    assert.equal(text, JSON.stringify({ 'k\ufffd': ['v\ufffd', 'ok \ud83d\ude00'] }, null, 2));
  });
});
