/**
 * Dart and Flutter: `pubspec.yaml`, read with the `yaml` library (positions by its LineCounter):
 * `name`, `dependencies`, and `dev_dependencies` apart. A pub workspace root (`workspace:` listing
 * packages) aggregates them.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { ManifestBuilder } from '../manifest';

export function readPubspec(b: ManifestBuilder): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(b.text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const at = error.linePos?.[0];
    b.skip(`it is not valid YAML (${error.message.split('\n')[0]})`, at ? { line: at.line, column: at.col } : {});
    return;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    b.skip('it is not a YAML mapping');
    return;
  }
  const name: unknown = root.get('name', true);
  if (isScalar(name) && typeof name.value === 'string' && name.value.trim() !== '' && name.range) {
    b.name = name.value.trim();
    const [start, end] = name.range;
    // A quoted scalar's range includes its quotes.
    const quoted = b.text[start] === '"' || b.text[start] === "'";
    b.nameRange = quoted ? [start + 1, end - 1] : [start, start + name.value.length];
  }
  const keys = (key: string): string[] => {
    const table: unknown = root.get(key, true);
    if (!isMap(table)) return [];
    return table.items.flatMap((item) => (isScalar(item.key) && typeof item.key.value === 'string' ? [item.key.value] : []));
  };
  for (const dependency of keys('dependencies')) if (dependency !== 'flutter') b.add(dependency);
  // Development dependencies (tests, tooling), apart so that a kind can be given to them.
  for (const dependency of keys('dev_dependencies')) if (dependency !== 'flutter_test') b.add(dependency, 'dev', 'pubspec.yaml dev_dependencies');
  const workspace: unknown = root.get('workspace', true);
  b.workspaceOnly = workspace !== undefined && workspace !== null && !isScalar(workspace);
}
