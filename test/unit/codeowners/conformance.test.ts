/**
 * Conformance of the CODEOWNERS engine with GitHub's and GitLab's documentation (and git's
 * gitignore pattern format, which GitHub's patterns follow). Every case cites the sentence it
 * checks; expected owners come from that sentence, not from the implementation.
 */
import assert from 'node:assert/strict';
import type { CodeownersDialect, CodeownersSection } from '../../../src/core/model/types';
import {
  CODEOWNERS_LOCATIONS,
  OwnershipIndex,
  detectDialect,
  findCodeownersFile,
  parseCodeowners,
} from '../../../src/core/sources/codeowners';
import { DOCS, type DocRef } from './docs';

interface OwnersCase {
  kind: 'owners';
  dialect: CodeownersDialect;
  codeowners: string;
  path: string;
  /** Expected owners (order-insensitive). */
  owners: string[];
  /** Expected deciding line (first section's for GitLab); null = no line matched. */
  line?: number | null;
  doc: DocRef;
}

interface ProblemCase {
  kind: 'problems';
  dialect: CodeownersDialect;
  codeowners: string;
  /** Expected problems as [line, column, endColumn] (1-based, end exclusive). */
  problems: [number, number, number][];
  /** Expected number of rules kept. */
  rules?: number;
  doc: DocRef;
}

interface SectionCase {
  kind: 'section';
  codeowners: string;
  /** Section name as stored (case of its first header). */
  section: string;
  expect: Partial<CodeownersSection>;
  /** Number of entries in that section. */
  entries?: number;
  doc: DocRef;
}

type Case = OwnersCase | ProblemCase | SectionCase;

const gh = (codeowners: string, path: string, owners: string[], doc: DocRef, line?: number | null): OwnersCase => ({
  kind: 'owners',
  dialect: 'github',
  codeowners,
  path,
  owners,
  line,
  doc,
});
const gl = (codeowners: string, path: string, owners: string[], doc: DocRef, line?: number | null): OwnersCase => ({
  kind: 'owners',
  dialect: 'gitlab',
  codeowners,
  path,
  owners,
  line,
  doc,
});
const problems = (
  dialect: CodeownersDialect,
  codeowners: string,
  expected: [number, number, number][],
  doc: DocRef,
  rules?: number,
): ProblemCase => ({ kind: 'problems', dialect, codeowners, problems: expected, doc, rules });
const section = (codeowners: string, name: string, expect: Partial<CodeownersSection>, doc: DocRef, entries?: number): SectionCase => ({
  kind: 'section',
  codeowners,
  section: name,
  expect,
  doc,
  entries,
});

const D = DOCS;
const GLOBAL = '*       @global-owner1 @global-owner2';
const BIG_PAD = 3 * 1024 * 1024;

const GITLAB_README = `* @admin

[README Owners]
README.md @user1 @user2
internal/README.md @user4

[README other owners]
README.md @user3
`;

const GITLAB_DEFAULTS = `[Documentation] @docs-team
docs/
README.md

[Database] @database-team @agarcia
model/db/
config/db/database-setup.md @docs-team
`;

const GITLAB_REGULAR = `# Required for all files
* @general-approvers

[Documentation] @docs-team
docs/
README.md
*.txt

[Database] @database-team
model/db/
config/db/database-setup.md @docs-team
`;

const GITLAB_DUP_SECTIONS = `[Documentation]
ee/docs/    @docs
docs/       @docs

[Database]
README.md  @database
model/db/   @database

[DOCUMENTATION]
README.md  @docs
`;

const GITLAB_EXCLUSIONS = `# All files require approval from @username
* @username

# Except pom.xml which needs no approval
!pom.xml

[Ruby]
# All ruby files require approval from @ruby-team
*.rb @ruby-team

# Except Ruby files in the config directory
!/config/**/*.rb
`;

const GITLAB_AUTOMATION = `* @default-owner

# Files updated by automation don't need approval.
!package-lock.json
!yarn.lock
!**/generated/
!.gitlab-ci.yml
`;

const GITLAB_DEFAULT_OPTIONAL = `[Documentation][2] @docs-team
docs/
README.md

^[Database] @database-team
model/db/
config/db/database-setup.md @docs-team
`;

export const CASES: Case[] = [
  // ------------------------------------------------------------------ GitHub: precedence
  gh(GLOBAL, 'README.md', ['@global-owner1', '@global-owner2'], D.ghDefault, 1),
  gh(GLOBAL, 'src/deep/nested/main.py', ['@global-owner1', '@global-owner2'], D.ghDefault, 1),
  gh(`${GLOBAL}\n*.js    @js-owner`, 'src/app.js', ['@js-owner'], D.ghOrder, 2),
  gh(`${GLOBAL}\n*.js    @js-owner`, 'src/app.ts', ['@global-owner1', '@global-owner2'], D.ghOrder, 1),
  gh(`*.js    @js-owner\n${GLOBAL}`, 'src/app.js', ['@global-owner1', '@global-owner2'], D.ghOrder, 2),
  gh('*.js    @js-owner #This is an inline comment.', 'web/index.js', ['@js-owner'], D.ghInline, 1),
  gh('/a/ @one\n/a/ @two', 'a/x.txt', ['@two'], D.ghSameLine, 2),
  gh('/a/ @one @two', 'a/x.txt', ['@one', '@two'], D.ghSameLine, 1),
  // ------------------------------------------------------------------ GitHub: owners
  gh('*.go docs@example.com', 'cmd/server/main.go', ['docs@example.com'], D.ghEmail, 1),
  gh('*.txt @octo-org/octocats', 'notes/todo.txt', ['@octo-org/octocats'], D.ghTeam, 1),
  // ------------------------------------------------------------------ GitHub: the documented example lines
  gh('/build/logs/ @doctocat', 'build/logs/out.log', ['@doctocat'], D.ghBuildLogs, 1),
  gh('/build/logs/ @doctocat', 'build/logs/2024/01/out.log', ['@doctocat'], D.ghBuildLogs, 1),
  gh('/build/logs/ @doctocat', 'tools/build/logs/out.log', [], D.ghBuildLogs, null),
  gh('docs/*  docs@example.com', 'docs/getting-started.md', ['docs@example.com'], D.ghDocsStar, 1),
  gh('docs/*  docs@example.com', 'docs/build-app/troubleshooting.md', [], D.ghDocsStar, null),
  gh('apps/ @octocat', 'apps/web/index.js', ['@octocat'], D.ghApps, 1),
  gh('apps/ @octocat', 'services/billing/apps/worker/main.go', ['@octocat'], D.ghApps, 1),
  gh('/docs/ @doctocat', 'docs/guides/setup/install.md', ['@doctocat'], D.ghDocsRoot, 1),
  gh('/docs/ @doctocat', 'packages/ui/docs/button.md', [], D.ghDocsRoot, null),
  gh('/scripts/ @doctocat @octocat', 'scripts/deploy.sh', ['@doctocat', '@octocat'], D.ghScripts, 1),
  gh('**/logs @octocat', 'build/logs/a.log', ['@octocat'], D.ghLogs, 1),
  gh('**/logs @octocat', 'scripts/logs/run.txt', ['@octocat'], D.ghLogs, 1),
  gh('**/logs @octocat', 'deeply/nested/logs/2024/x.txt', ['@octocat'], D.ghLogs, 1),
  gh('**/logs @octocat', 'logs/server.log', ['@octocat'], D.giLeadingStars, 1),
  gh('/apps/ @octocat\n/apps/github', 'apps/github/main.go', [], D.ghUnown, 2),
  gh('/apps/ @octocat\n/apps/github', 'apps/github/cmd/a/b.go', [], D.ghUnown, 2),
  gh('/apps/ @octocat\n/apps/github', 'apps/gitlab/main.go', ['@octocat'], D.ghUnown, 1),
  gh('/apps/ @octocat\n/apps/github @doctocat', 'apps/github/main.go', ['@doctocat'], D.ghSubOwner, 2),
  gh('/apps/ @octocat\n/apps/github @doctocat', 'apps/web/main.go', ['@octocat'], D.ghSubOwner, 1),
  // ------------------------------------------------------------------ GitHub: case sensitivity
  gh('/Docs/ @x', 'docs/a.md', [], D.ghCase, null),
  gh('*.MD @x', 'README.md', [], D.ghCase, null),
  gh('/docs/ @x', 'docs/a.md', ['@x'], D.ghCase, 1),
  // ------------------------------------------------------------------ gitignore pattern format (GitHub)
  gh('doc/frotz/ @x', 'doc/frotz/a.txt', ['@x'], D.giFrotz, 1),
  gh('doc/frotz/ @x', 'a/doc/frotz/b.txt', [], D.giFrotz, null),
  gh('frotz/ @x', 'frotz/b.txt', ['@x'], D.giFrotz, 1),
  gh('frotz/ @x', 'a/frotz/b.txt', ['@x'], D.giFrotz, 1),
  gh('apps/ @x', 'src/apps', [], D.giFooDir, null),
  gh('apps @x', 'src/apps', ['@x'], D.giDirOnly, 1),
  gh('apps @x', 'src/apps/main.c', ['@x'], D.giDirOnly, 1),
  gh('hello.* @x', 'a/hello.java', ['@x'], D.giHello, 1),
  gh('hello.* @x', 'hello.d/conf.txt', ['@x'], D.giHello, 1),
  gh('/hello.* @x', 'hello.txt', ['@x'], D.giHello, 1),
  gh('/hello.* @x', 'hello.c', ['@x'], D.giHello, 1),
  gh('/hello.* @x', 'a/hello.java', [], D.giHello, null),
  gh('doc/frotz @x', 'doc/frotz/a.md', ['@x'], D.giSameEffect, 1),
  gh('/doc/frotz @x', 'doc/frotz/a.md', ['@x'], D.giSameEffect, 1),
  gh('doc/frotz @x', 'a/doc/frotz/b.md', [], D.giSameEffect, null),
  gh('*.txt @x', 'a/b/c/d.txt', ['@x'], D.giAnchor, 1),
  gh('src/*.ts @x', 'lib/src/a.ts', [], D.giAnchor, null),
  gh('src/*.ts @x', 'src/a.ts', ['@x'], D.giAnchor, 1),
  gh('/docs/*.md @x', 'docs/a.md', ['@x'], D.giStar, 1),
  gh('/docs/*.md @x', 'docs/api/b.md', [], D.giStar, null),
  gh('/v?.txt @x', 'v1.txt', ['@x'], D.giStar, 1),
  gh('/v?.txt @x', 'v10.txt', [], D.giStar, null),
  gh('/a?b @x', 'a/b', [], D.giStar, null),
  gh('abc/** @x', 'abc/d/e/f.txt', ['@x'], D.giTrailingStars, 1),
  gh('abc/** @x', 'abc/f.txt', ['@x'], D.giTrailingStars, 1),
  gh('abc/** @x', 'x/abc/f.txt', [], D.giTrailingStars, null),
  gh('a/**/b @x', 'a/b', ['@x'], D.giMiddleStars, 1),
  gh('a/**/b @x', 'a/x/b', ['@x'], D.giMiddleStars, 1),
  gh('a/**/b @x', 'a/x/y/b', ['@x'], D.giMiddleStars, 1),
  gh('a/**/b @x', 'c/a/x/b', [], D.giMiddleStars, null),
  gh('**/foo/bar @x', 'foo/bar', ['@x'], D.giLeadingStars, 1),
  gh('**/foo/bar @x', 'x/y/foo/bar', ['@x'], D.giLeadingStars, 1),
  gh('**/foo/bar @x', 'foo/x/bar', [], D.giLeadingStars, null),
  gh('foo @x', 'a/b/foo', ['@x'], D.giLeadingStars, 1),
  gh('/foo**.txt @x', 'foo-bar.txt', ['@x'], D.giOtherStars, 1),
  gh('/foo**.txt @x', 'foo/bar.txt', [], D.giOtherStars, null),
  gh('/\\*.txt @x', '*.txt', ['@x'], D.giBackslash, 1),
  gh('/\\*.txt @x', 'a.txt', [], D.giBackslash, null),
  gh('* @all\n/foo\\', 'foo', ['@all'], D.giTrailingBackslash, 1),
  gh('* @all\n/apps/github   ', 'apps/github/x.go', [], D.giTrailingSpaces, 2),
  gh('* @all\n\n   \n', 'x.go', ['@all'], D.giBlank, 1),
  gh('# /a/ @nobody\n/b/ @x', 'a/c.txt', [], D.giComment, null),
  gh('# This is a comment.\n* @x', 'c.txt', ['@x'], D.ghComment, 2),
  // ------------------------------------------------------------------ GitHub: invalid lines are skipped, the rest applies
  gh('* @all\n*.js not-an-owner', 'x.js', ['@all'], D.ghInvalidLine, 1),
  gh('* @all\n!*.js @b', 'x.js', ['@all'], D.ghNoNegation, 1),
  gh('* @all\n*.[ch] @b', 'x.c', ['@all'], D.ghNoRange, 1),
  gh('* @all\n\\#notes.txt @b', '#notes.txt', ['@all'], D.ghNoEscapeHash, 1),
  gh(`* @all\n#${'x'.repeat(BIG_PAD)}`, 'x.go', [], D.ghSize, null),
  gh(`* @all\n#${'x'.repeat(BIG_PAD - 20)}`, 'x.go', ['@all'], D.ghSize, 1),
  // ------------------------------------------------------------------ GitHub: problems with positions
  problems('github', '!*.js @a', [[1, 1, 6]], D.ghNoNegation, 0),
  problems('github', '\\#foo @a', [[1, 1, 6]], D.ghNoEscapeHash, 0),
  problems('github', '*.[ch] @a', [[1, 3, 7]], D.ghNoRange, 0),
  problems('github', '* @a\n  /src/ user', [[2, 9, 13]], D.ghFormat, 1),
  problems('github', '* @@maintainer', [[1, 3, 15]], D.ghFormat, 0),
  problems('github', '/docs/ @octo-org/docs-team docs@example.com @octocat', [], D.ghFormat, 1),
  problems('github', '*.js    @js-owner #This is an inline comment.', [], D.ghInline, 1),
  problems('github', '[Docs]\n*.md @docs', [[1, 1, 7]], D.ghNoRange, 1),
  problems('github', `* @all\n#${'x'.repeat(BIG_PAD)}`, [[1, 1, 7]], D.ghSize, 0),

  // ------------------------------------------------------------------ GitLab: the reference examples
  gl('* @default-owner', 'app/models/user.rb', ['@default-owner'], D.glDefaultOwner, 1),
  gl('* @default-owner', '.gitlab-ci.yml', ['@default-owner'], D.glDefaultOwner, 1),
  gl('README.md @doc-team @tech-lead', 'README.md', ['@doc-team', '@tech-lead'], D.glMultiple, 1),
  gl('*.rb @ruby-owner', 'app/models/user.rb', ['@ruby-owner'], D.glExtension, 1),
  gl('LICENSE @legal janedoe@gitlab.com', 'LICENSE', ['@legal', 'janedoe@gitlab.com'], D.glEmail, 1),
  gl('README @group @group/with-nested/subgroup', 'README', ['@group', '@group/with-nested/subgroup'], D.glGroups, 1),
  gl('/docs/**/*.md @markdown-docs', 'docs/api/v2/index.md', ['@markdown-docs'], D.glDirExamples, 1),
  gl('/db/**/index.md @index-docs', 'db/migrations/2024/index.md', ['@index-docs'], D.glDirExamples, 1),
  gl('/config/ @@maintainer', 'config/app.yml', ['@@maintainer'], D.glRoleExample, 1),
  // ------------------------------------------------------------------ GitLab: sections
  gl(GITLAB_README, 'README.md', ['@admin', '@user1', '@user2', '@user3'], D.glReadmeRoot, 1),
  gl(GITLAB_README, 'internal/README.md', ['@admin', '@user4', '@user3'], D.glReadmeInternal, 1),
  gl(GITLAB_README, 'lib/a.rb', ['@admin'], D.glReadmeRoot, 1),
  gl(GITLAB_DEFAULTS, 'docs/setup.md', ['@docs-team'], D.glDefaultApplied, 2),
  gl(GITLAB_DEFAULTS, 'README.md', ['@docs-team'], D.glDefaultApplied, 3),
  gl(GITLAB_DEFAULTS, 'model/db/schema.rb', ['@database-team', '@agarcia'], D.glDefaultOwners, 6),
  gl(GITLAB_DEFAULTS, 'config/db/database-setup.md', ['@docs-team'], D.glDefaultOwners, 7),
  gl(GITLAB_REGULAR, 'model/db/CHANGELOG.txt', ['@general-approvers', '@docs-team', '@database-team'], D.glRegular, 2),
  gl(GITLAB_REGULAR, 'lib/tasks/seed.rb', ['@general-approvers'], D.glRegularEverywhere, 2),
  gl(GITLAB_DUP_SECTIONS, 'README.md', ['@database', '@docs'], D.glDuplicateSections, 10),
  gl('[Docs]\n*.md @a\n\n[DOCS]\n*.md @b', 'guide.md', ['@b'], D.glSectionNames, 5),
  gl('[Docs]\ndocs/ @a\ndocs/ @b', 'docs/x.md', ['@b'], D.glDuplicateEntry, 3),
  gl('*.md @doc-team\nterms.md @legal-team', 'terms.md', ['@legal-team'], D.glLastPattern, 2),
  gl('*.md @doc-team\nterms.md @legal-team', 'privacy.md', ['@doc-team'], D.glLastPattern, 1),
  gl(GITLAB_DEFAULT_OPTIONAL, 'model/db/a.rb', ['@database-team'], D.glDefaultAndOptional, 6),
  gl('[Documentation]\n*.md @root\n\n[Ruby]\n*.rb @root\n\n^[Go]\n*.go @root', 'cmd/main.go', ['@root'], D.glOptional, 8),
  // ------------------------------------------------------------------ GitLab: path matching
  gl('/README.md @x', 'README.md', ['@x'], D.glAbsolute, 1),
  gl('/README.md @x', 'docs/README.md', [], D.glAbsolute, null),
  gl('/docs/README.md @x', 'docs/README.md', ['@x'], D.glAbsolute, 1),
  gl('/docs/README.md @x', 'api/docs/README.md', [], D.glAbsolute, null),
  gl('README.md @username', 'README.md', ['@username'], D.glRelativeReadme, 1),
  gl('README.md @username', 'internal/README.md', ['@username'], D.glRelativeReadme, 1),
  gl('README.md @username', 'app/lib/README.md', ['@username'], D.glRelativeReadme, 1),
  gl('internal/README.md @x', 'internal/README.md', ['@x'], D.glRelativeInternal, 1),
  gl('internal/README.md @x', 'docs/internal/README.md', ['@x'], D.glRelativeInternal, 1),
  gl('internal/README.md @x', 'docs/api/internal/README.md', ['@x'], D.glRelativeInternal, 1),
  gl('/docs/ @x', 'docs/api/v1/index.md', ['@x'], D.glDirectory, 1),
  gl('/docs/ @x', 'docs/index.md', ['@x'], D.glDirectory, 1),
  gl('/docs/*.md @username', 'docs/intro.md', ['@username'], D.glWildMd, 1),
  gl('/docs/index.* @username', 'docs/index.html', ['@username'], D.glWildIndex, 1),
  gl('/docs/index.* @username', 'docs/index.xml', ['@username'], D.glWildIndex, 1),
  gl('/docs/*spec* @username', 'docs/qa_specs.rb', ['@username'], D.glWildSpec, 1),
  gl('/docs/*spec* @username', 'docs/spec_helpers.rb', ['@username'], D.glWildSpec, 1),
  gl('/docs/*spec* @username', 'docs/runtime.spec', ['@username'], D.glWildSpec, 1),
  gl('/docs/*/README.md @username', 'docs/api/README.md', ['@username'], D.glWildReadme, 1),
  gl('/docs/**/index.md @x', 'docs/index.md', ['@x'], D.glGlobstar, 1),
  gl('/docs/**/index.md @x', 'docs/api/index.md', ['@x'], D.glGlobstar, 1),
  gl('/docs/**/index.md @x', 'docs/api/graphql/index.md', ['@x'], D.glGlobstar, 1),
  gl('/* @x', '.gitignore', ['@x'], D.glFnmatchDot, 1),
  gl('/docs/* @root-docs', 'docs/projects/index.md', [], D.glFnmatchPath, null),
  gl('/docs/* @root-docs', 'docs/index.md', ['@root-docs'], D.glFnmatchPath, 1),
  gl('**/*.rb @x', 'config/database.rb', ['@x'], D.glFnmatchGlobstar, 1),
  gl('**/*.rb @x', 'app/controllers/users/stars_controller.rb', ['@x'], D.glFnmatchGlobstar, 1),
  gl('lib/ @lib-owner', 'vendor/gems/lib/x.rb', ['@lib-owner'], D.glNested, 1),
  gl('/config/ @config-owner', 'config/database.yml', ['@config-owner'], D.glRootOnly, 1),
  gl('/config/ @config-owner', 'spec/config/database.yml', [], D.glRootOnly, null),
  // ------------------------------------------------------------------ GitLab: escapes
  gl('\\#file_with_pound.rb @owner-file-with-pound', '#file_with_pound.rb', ['@owner-file-with-pound'], D.glEscapeHash, 1),
  gl('path\\ with\\ spaces/ @space-owner', 'path with spaces/readme.md', ['@space-owner'], D.glEscapeSpace, 1),
  gl('path\\ with\\ spaces/*.md @owner', 'path with spaces/guide.md', ['@owner'], D.glSpaces, 1),
  gl('folder with spaces/*.md @group', 'folder', ['@group'], D.glUnescapedSpaces, 1),
  gl('folder with spaces/*.md @group', 'folder with spaces/guide.md', [], D.glUnescapedSpaces, null),
  // ------------------------------------------------------------------ GitLab: exclusions
  gl(GITLAB_EXCLUSIONS, 'pom.xml', [], D.glExclusions, 5),
  gl(GITLAB_EXCLUSIONS, 'app/models/user.rb', ['@username', '@ruby-team'], D.glExclusions, 2),
  gl(GITLAB_EXCLUSIONS, 'config/initializers/session.rb', ['@username'], D.glExclusions, 2),
  gl(GITLAB_EXCLUSIONS, 'config/routes.rb', ['@username'], D.glExclusions, 2),
  gl('* @default-owner\n!*.rb\n/special/*.rb @ruby-owner', 'special/task.rb', [], D.glExclusionOrder, 2),
  gl('* @default-owner\n!*.rb\n/special/*.rb @ruby-owner', 'special/task.py', ['@default-owner'], D.glExclusionOrder, 1),
  gl('[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n/config/routes.rb @ops', 'config/routes.rb', [], D.glExclusionFinal, 3),
  gl('[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n/config/routes.rb @ops', 'app/user.rb', ['@ruby-team'], D.glExclusionFinal, 2),
  gl('[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n\n[Config]\n/config/ @ops-team', 'config/boot.rb', ['@ops-team'], D.glExclusionSections, 3),
  gl(GITLAB_AUTOMATION, 'package-lock.json', [], D.glExclusionAutomation, 4),
  gl(GITLAB_AUTOMATION, 'web/src/generated/api.ts', [], D.glExclusionAutomation, 6),
  gl(GITLAB_AUTOMATION, '.gitlab-ci.yml', [], D.glExclusionAutomation, 7),
  gl(GITLAB_AUTOMATION, 'web/src/main.ts', ['@default-owner'], D.glExclusionAutomation, 1),
  // ------------------------------------------------------------------ GitLab: owners
  gl('file.md @@developer @@maintainer', 'file.md', ['@@developer', '@@maintainer'], D.glRoleFile, 1),
  gl('* @@developers', 'src/a.ts', ['@@developers'], D.glRolesPlural, 1),
  gl('file.md @group-x @group-x/subgroup-y', 'file.md', ['@group-x', '@group-x/subgroup-y'], D.glSubgroup, 1),
  gl('/path/* @group user_without_at_symbol @user_with_at_symbol', 'path/a.rb', ['@group', '@user_with_at_symbol'], D.glMalformed, 1),
  gl('*.rb @a # reviewed by @b', 'app/x.rb', ['@a', '@b'], D.glInlineComments, 1),
  gl('* @group\n\n[Section name\ndocs/ @docs_group', 'docs/index.md', ['@docs_group'], D.glUnparsable, 4),
  gl('* @group\n\n[Section name\ndocs/ @docs_group', 'app/x.rb', ['@group'], D.glUnparsable, 1),
  // ------------------------------------------------------------------ GitLab: section headers
  section('^[Section name]\n*.md @a', 'Section name', { optional: true, approvals: null }, D.glHeadingExamples, 1),
  section('[Section name][5]\n*.md @a', 'Section name', { optional: false, approvals: 5 }, D.glHeadingExamples, 1),
  section('[Section name] @username\ndocs/', 'Section name', { defaultOwners: ['@username'], line: 1 }, D.glHeadingExamples, 1),
  section('[Section name][2] @group @subgroup\ndocs/', 'Section name', { approvals: 2, defaultOwners: ['@group', '@subgroup'] }, D.glHeadingExamples, 1),
  section(GITLAB_DEFAULT_OPTIONAL, 'Database', { optional: true, defaultOwners: ['@database-team'] }, D.glDefaultAndOptional, 2),
  section(GITLAB_DEFAULT_OPTIONAL, 'Documentation', { optional: false, approvals: 2, defaultOwners: ['@docs-team'] }, D.glDefaultAndOptional, 2),
  section(GITLAB_DUP_SECTIONS, 'Documentation', { line: 1 }, D.glDuplicateSections, 3),
  section(GITLAB_DUP_SECTIONS, 'Database', { line: 5 }, D.glDuplicateSections, 2),
  section('[Docs]\n*.md @a\n^[docs]\n*.txt @b', 'Docs', { optional: false }, D.glOptionalDuplicate, 2),
  section('[Docs][1]\n*.md @a', 'Docs', { approvals: 1 }, D.glApprovals, 1),
  section('[Docs][0]\n*.md @a', 'Docs', { approvals: 1 }, D.glZeroApprovals, 1),
  // ------------------------------------------------------------------ GitLab: problems with positions
  problems('gitlab', '[]\n*.md @a', [[1, 1, 3]], D.glHeadingName, 1),
  problems('gitlab', '* @group\n\n[Section name\ndocs/ @docs_group', [[3, 1, 14]], D.glUnparsable, 3),
  problems('gitlab', '/path/* @group user_without_at_symbol @user_with_at_symbol', [[1, 16, 38]], D.glMalformed, 1),
  problems('gitlab', '* @@guest', [[1, 3, 10]], D.glRoles, 1),
  problems('gitlab', '* @@developers @@Maintainer @@owner', [], D.glRolesPlural, 1),
  problems('gitlab', 'docs/', [[1, 1, 6]], D.glZeroOwners, 1),
  problems('gitlab', '[Docs] @docs-team\ndocs/', [], D.glDefaultApplied, 1),
  problems('gitlab', '*.rb @a # reviewed by @b', [[1, 9, 25]], D.glInlineComments, 1),
  problems('gitlab', '\\#file_with_pound.rb @owner-file-with-pound\npath\\ with\\ spaces/ @space-owner', [], D.glEscapeHash, 2),
  problems('gitlab', '[Docs][0]\n*.md @a', [[1, 7, 10]], D.glZeroApprovals, 1),
];

function rulesOf(text: string, dialect: CodeownersDialect) {
  return parseCodeowners(text, 'CODEOWNERS', dialect);
}

function describeCase(c: Case, i: number): string {
  const where = c.kind === 'owners' ? ` ${c.path}` : c.kind === 'section' ? ` [${c.section}]` : '';
  const first = c.codeowners.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const dialect = c.kind === 'section' ? 'gitlab' : c.dialect;
  return `#${i + 1} ${dialect} ${c.kind}: ${first.slice(0, 50)}${where} — "${c.doc.says.replace(/\s+/g, " ").slice(0, 60)}…"`;
}

describe('CODEOWNERS conformance with the GitHub and GitLab documentation', () => {
  it('has at least 120 documented cases, each citing a URL and a sentence', () => {
    assert.ok(CASES.length >= 120, `only ${CASES.length} cases`);
    for (const c of CASES) {
      assert.match(c.doc.url, /^https:\/\/(docs\.github\.com|git-scm\.com|docs\.gitlab\.com)\//);
      assert.ok(c.doc.says.length > 10);
    }
  });

  CASES.forEach((c, i) => {
    it(describeCase(c, i), () => {
      if (c.kind === 'owners') {
        const parsed = rulesOf(c.codeowners, c.dialect);
        const index = new OwnershipIndex(parsed.codeowners);
        const match = index.ownersOf(c.path);
        assert.deepEqual([...match.owners].sort(), [...c.owners].sort(), `owners of ${c.path}`);
        if (c.line !== undefined) assert.equal(match.rule?.line ?? null, c.line, 'deciding line');
        // The deciding lines, ruleMatches and stats agree with ownersOf.
        for (const rule of [...match.rules, ...match.overridden]) {
          assert.ok(index.ruleMatches(rule, c.path), `line ${rule.line} should match ${c.path}`);
        }
        const stats = index.stats([c.path]);
        for (const rule of parsed.codeowners.rules) {
          assert.equal(stats.matched[rule.index], index.ruleMatches(rule, c.path) ? 1 : 0, `stats.matched of line ${rule.line}`);
          assert.equal(stats.won[rule.index], match.rules.includes(rule) ? 1 : 0, `stats.won of line ${rule.line}`);
        }
      } else if (c.kind === 'problems') {
        const parsed = rulesOf(c.codeowners, c.dialect);
        const got = parsed.problems.map((p) => {
          assert.equal(p.ruleId, 'codeowners/syntax');
          assert.equal(p.location.file, 'CODEOWNERS');
          assert.equal(p.location.endLine, p.location.line);
          return [p.location.line, p.location.column, p.location.endColumn];
        });
        assert.deepEqual(got, c.problems);
        if (c.rules !== undefined) assert.equal(parsed.codeowners.rules.length, c.rules, 'rules kept');
      } else {
        const parsed = rulesOf(c.codeowners, 'gitlab');
        const found = parsed.codeowners.sections.filter((s) => s.name === c.section);
        assert.equal(found.length, 1, `one section named ${c.section}`);
        for (const [k, v] of Object.entries(c.expect)) {
          assert.deepEqual(found[0][k as keyof CodeownersSection], v, k);
        }
        if (c.entries !== undefined) {
          const entries = parsed.codeowners.rules.filter((r) => r.section === c.section);
          assert.equal(entries.length, c.entries, 'entries in the section');
        }
      }
    });
  });
});

describe('CODEOWNERS location and dialect (DESIGN.md 1.1)', () => {
  it('lists the places each host reads, in its order', () => {
    assert.deepEqual(CODEOWNERS_LOCATIONS.github, ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
    assert.deepEqual(CODEOWNERS_LOCATIONS.gitlab, ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']);
  });

  it(`uses the first that exists — "${DOCS.ghLocation.says.slice(0, 50)}…"`, () => {
    const has = (...files: string[]) => (p: string) => files.includes(p);
    assert.equal(findCodeownersFile(has('docs/CODEOWNERS', 'CODEOWNERS', '.github/CODEOWNERS')), '.github/CODEOWNERS');
    assert.equal(findCodeownersFile(has('docs/CODEOWNERS', 'CODEOWNERS')), 'CODEOWNERS');
    assert.equal(findCodeownersFile(has('docs/CODEOWNERS')), 'docs/CODEOWNERS');
    assert.equal(findCodeownersFile(has('.gitlab/CODEOWNERS')), '.gitlab/CODEOWNERS');
    assert.equal(findCodeownersFile(has('.gitlab/CODEOWNERS', 'docs/CODEOWNERS')), 'docs/CODEOWNERS');
    assert.equal(findCodeownersFile(has('README.md')), null);
    assert.equal(findCodeownersFile(has('.github/CODEOWNERS', 'CODEOWNERS'), 'gitlab'), 'CODEOWNERS');
    assert.equal(findCodeownersFile(has('.gitlab/CODEOWNERS'), 'github'), null);
  });

  it('detects the dialect from the folder, section headers and .gitlab-ci.yml', () => {
    assert.equal(detectDialect('.github/CODEOWNERS', '[Docs]\n*.md @a', true), 'github');
    assert.equal(detectDialect('.gitlab/CODEOWNERS', '*.md @a', false), 'gitlab');
    assert.equal(detectDialect('CODEOWNERS', '* @a\n\n[Docs] @docs\ndocs/', false), 'gitlab');
    assert.equal(detectDialect('docs/CODEOWNERS', '^[Optional][2]\n*.md @a', false), 'gitlab');
    assert.equal(detectDialect('CODEOWNERS', '* @a\n*.js @b', true), 'gitlab');
    assert.equal(detectDialect('CODEOWNERS', '* @a\n*.js @b', false), 'github');
    assert.equal(detectDialect('docs/CODEOWNERS', '# [not a header]\n* @a', false), 'github');
  });
});
