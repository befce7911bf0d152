/**
 * Go to definition from the files Northstar reads:
 * - a `dependsOn` entry → the module's contract name (or catalog entity, or manifest: `definedAt`);
 * - a `consumes` / `consumesApis` / `providesApis` entry → the API's declaration;
 * - a priority id (contract, `northstar:priority` tag) → its declaration in vision.yaml;
 * - an owner handle → its teams.yaml entry (or the Backstage group, or the CODEOWNERS line
 *   that first names it);
 * - an import into another module → the module's definition.
 * Pure, like the hovers; positions 1-based.
 */
import type { Analysis } from './api';
import { targetAt } from './cursor';
import { providerOf } from './hover';
import type { SourceLocation } from './model/types';

function same(a: SourceLocation, file: string, line: number, column: number): boolean {
  const afterStart = line > a.line || (line === a.line && column >= a.column);
  const beforeEnd = line < a.endLine || (line === a.endLine && column < a.endColumn);
  return a.file === file && afterStart && beforeEnd;
}

/** Where what is under the cursor is declared (empty when nothing, or when the cursor is on the declaration itself). */
export function definitionAt(analysis: Analysis, file: string, text: string, line: number, character: number): SourceLocation[] {
  const target = targetAt(analysis, file, text, line, character);
  if (!target) return [];
  let found: SourceLocation | null | undefined;
  switch (target.kind) {
    case 'dependency':
      found = analysis.moduleByName(target.name)?.definedAt;
      break;
    case 'api':
      found = providerOf(analysis, target.name)?.api.location;
      break;
    case 'priority':
      found = analysis.model.priorities.find((p) => p.id === target.id)?.location;
      break;
    case 'owner':
      found = analysis.teamOf(target.owner)?.location;
      break;
    case 'import':
      found = target.module.definedAt;
      break;
    case 'codeowners-rule':
    case 'rule':
      found = undefined;
      break;
  }
  if (!found || same(found, file, line, character)) return [];
  return [{ ...found }];
}
