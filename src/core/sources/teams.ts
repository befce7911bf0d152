/**
 * `teams.yaml` (DESIGN.md 1.4): teams, their other names and their escalation paths.
 * Entries without an id are reported by the schema and skipped; everything else usable
 * is kept.
 */
import type { EscalationStep } from '../model/types';
import type { ParseResult, TeamDecl, TeamsFile } from './types';
import { validateAgainstSchema } from './schema';
import { emptyFile, notNorthstars, parseSingleYaml, readFailure } from './yaml';

export const TEAMS_FILE_NAMES: readonly string[] = ['teams.yaml', 'teams.yml'];

/** Read a `teams.yaml`. Never throws. */
export function parseTeams(text: string, file: string): ParseResult<TeamsFile> {
  try {
    const { doc, problems } = parseSingleYaml(text, file);
    if (!doc) {
      if (problems.length === 0) problems.push(emptyFile(file, text));
      return { value: { file, teams: [] }, problems };
    }
    const foreign = notNorthstars(doc, file, 'Teams');
    if (foreign) return { value: null, problems: [foreign] };
    if (!doc.hasSyntaxErrors) for (const item of validateAgainstSchema('teams', doc)) problems.push(item);
    const teams: TeamDecl[] = [];
    for (const item of doc.items(doc.get(doc.root, 'teams'))) {
      const id = doc.located(doc.get(item, 'id'));
      if (!id) continue;
      const escalation: EscalationStep[] = [];
      for (const stepNode of doc.items(doc.get(item, 'escalation'))) {
        const kind = doc.str(doc.get(stepNode, 'kind'))?.trim();
        const target = doc.str(doc.get(stepNode, 'target'))?.trim();
        if (!kind || !target) continue;
        const url = doc.str(doc.get(stepNode, 'url'))?.trim();
        escalation.push(url ? { kind, target, url } : { kind, target });
      }
      teams.push({
        id: id.value.trim(),
        name: doc.str(doc.get(item, 'name'))?.trim() || null,
        aliases: doc.strings(doc.get(item, 'aliases')).map((a) => a.value.trim()),
        escalation,
        location: id.location,
        escalationLocation: doc.keyLoc(item, 'escalation'),
      });
    }
    return { value: { file, teams }, problems };
  } catch (error) {
    return { value: null, problems: [readFailure(file, error)] };
  }
}
