// A module hover tells the module's story over time: its experiment and its initiatives
// (DESIGN.md 1.8), on a contract's name, a catalog entity's metadata.name and a dependency.
import assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/hover';
import { exampleAnalysis, pointInExample } from './workspace';

async function hoverExample(file: string, needle: string, nth = 0, delta = 1): Promise<string> {
  const p = pointInExample(file, needle, nth, delta);
  const result = hoverAt(await exampleAnalysis(), file, p.text, p.line, p.column);
  assert.ok(result, `a hover at ${needle}`);
  return result.markdown;
}

describe('module hovers: experiment and initiatives', () => {
  it("a contract's name: the overdue experiment, judged against the example's pinned date", async () => {
    const md = await hoverExample('apps/storefront/service-contract.yaml', 'name: storefront', 0, 7);
    assert.match(md, /Experiment \(\*\*overdue\*\* \(decide by 2026\\-10\\-15\)\): Showing delivery dates on the product page raises checkout conversion\\\./);
    assert.match(md, /success: checkout conversion rate → 2\\\.8 by 2026\\-09\\-30/);
    // Initiatives listing the storefront in vision.yaml, by title, with status and priority.
    assert.match(md, /Initiatives: One\\-page checkout on mobile \(active, due 2026\\-12\\-15, priority `checkout-conversion`\); Localised storefronts for Germany, France and the Netherlands \(planned, due 2027\\-06\\-30, priority `international-expansion`\)/);
  });

  it('a dependency name: the initiatives its contract names and those listing it, overdue marked', async () => {
    const md = await hoverExample('apps/storefront/service-contract.yaml', 'payments-api', 0, 2);
    assert.match(md, /Module \*\*payments\\-api\*\*/);
    assert.match(md, /Multi\\-region failover for checkout \(active, due 2026\\-10\\-15, \*\*overdue\*\*, priority `reliability`\)/);
    assert.match(md, /Apple Pay and Google Pay at checkout \(done, due 2026\\-08\\-31, priority `checkout-conversion`\)/);
    assert.doesNotMatch(md, /Experiment/);
  });

  it("a catalog entity's metadata.name: the experiment from its annotation, decided", async () => {
    const md = await hoverExample('services/recommendations/catalog-info.yaml', 'name: recommendations', 0, 7);
    assert.match(md, /Experiment \(decided: \*\*scale\*\*\): A "bought together" rail/);
  });

  it('a running experiment with its decision date', async () => {
    const md = await hoverExample('apps/admin-console/service-contract.yaml', 'name: admin-console', 0, 7);
    assert.match(md, /Experiment \(running, decide by 2027\\-01\\-15\)/);
  });
});
