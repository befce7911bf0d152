import assert from 'node:assert/strict';
import { codeownersLinks, githubPageOf, type CodeownersLink } from '../../../src/core/codeownersEditing';
import { exampleAnalysis, exampleText } from '../hover/workspace';
import { GITHUB_CODEOWNERS, shopAnalysis } from './workspace';

function table(links: readonly CodeownersLink[]): [string, string][] {
  return links.map((l) => {
    const t = l.target;
    const where = t.kind === 'url' ? t.url : t.line === undefined ? t.file : `${t.file}:${t.line}:${t.column}`;
    return [`${l.range.line}:${l.range.column}-${l.range.endColumn}`, where];
  });
}

describe('codeownersEditing: links', () => {
  it('links owners to their teams.yaml declaration and Backstage entity, others to GitHub from .github/, and a file pattern to the file', async () => {
    const analysis = await shopAnalysis();
    const links = codeownersLinks(analysis, '.github/CODEOWNERS', GITHUB_CODEOWNERS);
    assert.deepEqual(table(links), [
      ['2:22-36', 'https://github.com/orgs/shop/teams/platform'],
      ['3:22-36', 'teams.yaml:4:9'],
      ['4:22-36', 'catalog-info.yaml:4:9'],
      ['4:37-42', 'catalog-info.yaml:23:9'],
      ['5:1-19', 'docs/My Guide.md'],
      ['5:22-36', 'https://github.com/orgs/shop/teams/platform'],
    ]);
    assert.equal(links[1].tooltip, 'Open the declaration of Payments in teams.yaml (teams.yaml:4)');
    assert.equal(links[0].tooltip, 'Open @shop/platform on GitHub');
  });

  it('gives no GitHub link where the host is not certain: a root CODEOWNERS may be GitHub Enterprise or GitLab', async () => {
    const analysis = await shopAnalysis({ '.github/CODEOWNERS': '', CODEOWNERS: GITHUB_CODEOWNERS });
    const links = codeownersLinks(analysis, 'CODEOWNERS', GITHUB_CODEOWNERS);
    assert.ok(!links.some((l) => l.target.kind === 'url'), JSON.stringify(table(links)));
    assert.deepEqual(table(links).map(([r]) => r), ['3:22-36', '4:22-36', '4:37-42', '5:1-19']);
  });

  it('links user handles to their GitHub profile and e-mail owners to mailto:', async () => {
    const analysis = await shopAnalysis();
    const text = '/docs/ @octocat ops@shop.example @bad..handle\n';
    assert.deepEqual(table(codeownersLinks(analysis, '.github/CODEOWNERS', text)), [
      ['1:8-16', 'https://github.com/octocat'],
      ['1:17-33', 'mailto:ops@shop.example'],
    ]);
  });

  it('links GitLab section default owners and rule owners to declarations; exclusions and unanchored paths get no link', async () => {
    const analysis = await shopAnalysis();
    const text = '[Payments][2] @shop/payments @shop/unknown\n/services/payments/package.json\n!/services/payments/test/ @shop/payments\nREADME.md @jdoe\n/README.md\n';
    assert.deepEqual(table(codeownersLinks(analysis, '.gitlab/CODEOWNERS', text)), [
      ['1:15-29', 'teams.yaml:4:9'],
      ['2:1-32', 'services/payments/package.json'],
      ['4:11-16', 'catalog-info.yaml:23:9'],
      ['5:1-11', 'README.md'],
    ]);
  });

  it('links every owner of the example CODEOWNERS to teams.yaml, and its one file pattern to the file', async () => {
    const analysis = await exampleAnalysis();
    const links = codeownersLinks(analysis, '.github/CODEOWNERS', exampleText('.github/CODEOWNERS'));
    const rows = table(links);
    assert.deepEqual(rows.find(([r]) => r.startsWith('12:')), ['12:37-51', 'teams.yaml:4:9']);
    assert.deepEqual(rows.find(([r]) => r.startsWith('37:')), ['37:1-17', '.northstar.yaml']);
    assert.ok(rows.every(([, where]) => where.startsWith('teams.yaml:') || where === '.northstar.yaml'), JSON.stringify(rows));
    // 22 lines with one owner each, and the one file pattern.
    assert.equal(rows.length, 23);
  });

  it('builds GitHub pages only from valid handles', () => {
    assert.equal(githubPageOf('@acme/Payments'), 'https://github.com/orgs/acme/teams/payments');
    assert.equal(githubPageOf('@octocat'), 'https://github.com/octocat');
    assert.equal(githubPageOf('@@maintainers'), null);
    assert.equal(githubPageOf('@a/b/c'), null);
    assert.equal(githubPageOf('team'), null);
  });
});
