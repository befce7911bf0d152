/** PHP: `composer.json`, read as JSON: `name` (`vendor/package`), `require`, and `require-dev` apart. */
import type { ManifestBuilder } from '../manifest';

/** Platform requirements name PHP itself and its extensions, not packages. */
function isPlatform(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'php' || lower.startsWith('php-') || lower.startsWith('ext-') || lower.startsWith('lib-') || lower === 'hhvm' || lower.startsWith('composer-');
}

export function readComposer(b: ManifestBuilder, data: Record<string, unknown>, nameRange: (key: string) => [number, number] | null): void {
  if (typeof data.name === 'string' && data.name.trim() !== '') {
    b.name = data.name.trim();
    b.nameRange = nameRange('name');
  }
  const keys = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []);
  for (const name of keys(data.require)) if (!isPlatform(name)) b.add(name);
  // Development requirements (tests, tooling), apart so that a kind can be given to them.
  for (const name of keys(data['require-dev'])) if (!isPlatform(name)) b.add(name, 'dev', 'composer.json require-dev');
}
