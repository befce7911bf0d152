// Panels find workspace folders by URI; a folder name (a state saved by an older version, a
// command argument) still finds its folder when no other folder has that name.
import * as assert from 'node:assert/strict';
import { findRoot, rootKey } from '../../../src/extension/panels/roots';

const folder = (name: string, uri: string) => ({ folder: { name, uri: { toString: () => uri } } });

describe('panels: which workspace folder a key names', () => {
  const eastApi = folder('api', 'file:///east/api');
  const westApi = folder('api', 'file:///west/api');
  const web = folder('web', 'file:///web');
  const roots = [eastApi, westApi, web];

  it('identifies a folder by its URI', () => {
    assert.equal(rootKey(westApi), 'file:///west/api');
    assert.equal(findRoot(roots, 'file:///west/api'), westApi);
    assert.equal(findRoot(roots, 'file:///east/api'), eastApi);
  });

  it('accepts a name only when exactly one folder has it (older saved states)', () => {
    assert.equal(findRoot(roots, 'web'), web);
    assert.equal(findRoot(roots, 'api'), undefined, 'two folders are named api');
    assert.equal(findRoot([eastApi, web], 'api'), eastApi);
  });

  it('finds nothing for no key or an unknown one', () => {
    for (const key of [null, undefined, '', 'file:///gone', 'gone']) assert.equal(findRoot(roots, key), undefined);
  });

  it('prefers the URI over a folder whose name happens to be that text', () => {
    const odd = folder('file:///web', 'file:///odd');
    assert.equal(findRoot([odd, web], 'file:///web'), web);
  });
});
