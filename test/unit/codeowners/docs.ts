/**
 * The documentation the CODEOWNERS tests check, quoted. Each quote is a sentence (or an example
 * line with its comment) from the page named by its URL.
 */
export interface DocRef {
  url: string;
  says: string;
}

export const GITHUB =
  'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners';
export const GITIGNORE = 'https://git-scm.com/docs/gitignore#_pattern_format';
export const GITLAB_REF = 'https://docs.gitlab.com/user/project/codeowners/reference/';
export const GITLAB_ADV = 'https://docs.gitlab.com/user/project/codeowners/advanced/';
export const GITLAB_17_7 = 'https://docs.gitlab.com/17.7/ee/user/project/codeowners/reference.html';

const gh = (says: string): DocRef => ({ url: GITHUB, says });
const gi = (says: string): DocRef => ({ url: GITIGNORE, says });
const glr = (says: string): DocRef => ({ url: GITLAB_REF, says });
const gla = (says: string): DocRef => ({ url: GITLAB_ADV, says });
const gl177 = (says: string): DocRef => ({ url: GITLAB_17_7, says });

export const DOCS = {
  // GitHub, "About code owners"
  ghDefault: gh(
    'These owners will be the default owners for everything in the repo. Unless a later match takes precedence, @global-owner1 and @global-owner2 will be requested for review when someone opens a pull request.',
  ),
  ghOrder: gh(
    'Order is important; the last matching pattern takes the most precedence. When someone opens a pull request that only modifies JS files, only @js-owner and not the global owner(s) will be requested for a review.',
  ),
  ghInline: gh('*.js    @js-owner #This is an inline comment.'),
  ghEmail: gh("You can also use email addresses if you prefer. They'll be used to look up users just like we do for commit author emails."),
  ghTeam: gh('In this example, the octocats team in the octo-org organization owns all .txt files.'),
  ghBuildLogs: gh('In this example, @doctocat owns any files in the build/logs directory at the root of the repository and any of its subdirectories.'),
  ghDocsStar: gh(
    'The `docs/*` pattern will match files like `docs/getting-started.md` but not further nested files like `docs/build-app/troubleshooting.md`.',
  ),
  ghApps: gh('In this example, @octocat owns any file in an apps directory anywhere in your repository.'),
  ghDocsRoot: gh('In this example, @doctocat owns any file in the `/docs` directory in the root of your repository and any of its subdirectories.'),
  ghScripts: gh('In this example, any change inside the `/scripts` directory will require approval from @doctocat or @octocat.'),
  ghLogs: gh(
    'In this example, @octocat owns any file in a `/logs` directory such as `/build/logs`, `/scripts/logs`, and `/deeply/nested/logs`. Any changes in a `/logs` directory will require approval from @octocat.',
  ),
  ghUnown: gh(
    'In this example, @octocat owns any file in the `/apps` directory in the root of your repository except for the `/apps/github` subdirectory, as its owners are left empty.',
  ),
  ghSubOwner: gh(
    'In this example, @octocat owns any file in the `/apps` directory in the root of your repository except for the `/apps/github` subdirectory, as this subdirectory has its own owner @doctocat',
  ),
  ghSameLine: gh(
    'If you want to match two or more code owners with the same pattern, all the code owners must be on the same line. If the code owners are not on the same line, the pattern matches only the last mentioned code owner.',
  ),
  ghCase: gh('CODEOWNERS paths are case sensitive, because GitHub uses a case sensitive file system.'),
  ghInvalidLine: gh('If any line in your CODEOWNERS file contains invalid syntax, that line will be skipped.'),
  ghNoEscapeHash: gh(
    'There are some syntax rules for gitignore files that do not work in CODEOWNERS files: Escaping a pattern starting with `#` using `\\` so it is treated as a pattern and not a comment',
  ),
  ghNoNegation: gh('There are some syntax rules for gitignore files that do not work in CODEOWNERS files: Using `!` to negate a pattern'),
  ghNoRange: gh('There are some syntax rules for gitignore files that do not work in CODEOWNERS files: Using `[ ]` to define a character range'),
  ghSize: gh('CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file over this limit will not be loaded'),
  ghFormat: gh(
    'The pattern is followed by one or more GitHub usernames or team names using the standard `@username` or `@org/team-name` format.',
  ),
  ghComment: gh('# This is a comment.'),
  ghLocation: gh(
    'If `CODEOWNERS` files exist in more than one of those locations, GitHub will search for them in that order and use the first one it finds.',
  ),

  // git, gitignore(5) "PATTERN FORMAT"
  giBlank: gi('A blank line matches no files, so it can serve as a separator for readability.'),
  giComment: gi('A line starting with # serves as a comment.'),
  giTrailingSpaces: gi('Trailing spaces are ignored unless they are quoted with backslash ("\\").'),
  giAnchor: gi(
    'If there is a separator at the beginning or middle (or both) of the pattern, then the pattern is relative to the directory level of the particular .gitignore file itself. Otherwise the pattern may also match at any level below the .gitignore level.',
  ),
  giDirOnly: gi(
    'If there is a separator at the end of the pattern then the pattern will only match directories, otherwise the pattern can match both files and directories.',
  ),
  giFrotz: gi(
    'For example, a pattern `doc/frotz/` matches `doc/frotz` directory, but not `a/doc/frotz` directory; however `frotz/` matches `frotz` and `a/frotz` that is a directory',
  ),
  giStar: gi('An asterisk "*" matches anything except a slash. The character "?" matches any one character except "/".'),
  giBackslash: gi('A backslash ("\\") can be used to escape any character. E.g., "\\*" matches a literal asterisk'),
  giTrailingBackslash: gi('As with fnmatch(3), a backslash at the end of a pattern is an invalid pattern that never matches.'),
  giLeadingStars: gi(
    'A leading "**" followed by a slash means match in all directories. For example, "**/foo" matches file or directory "foo" anywhere, the same as pattern "foo". "**/foo/bar" matches file or directory "bar" anywhere that is directly under directory "foo".',
  ),
  giTrailingStars: gi(
    'A trailing "/**" matches everything inside. For example, "abc/**" matches all files inside directory "abc", relative to the location of the .gitignore file, with infinite depth.',
  ),
  giMiddleStars: gi('A slash followed by two consecutive asterisks then a slash matches zero or more directories. For example, "a/**/b" matches "a/b", "a/x/b", "a/x/y/b" and so on.'),
  giOtherStars: gi('Other consecutive asterisks are considered regular asterisks and will match according to the previous rules.'),
  giHello: gi(
    'The pattern `hello.*` matches any file or directory whose name begins with `hello.`. If one wants to restrict this only to the directory and not in its subdirectories, one can prepend the pattern with a slash, i.e. `/hello.*`; the pattern now matches `hello.txt`, `hello.c` but not `a/hello.java`.',
  ),
  giFooDir: gi('The pattern `foo/` will match a directory `foo` and paths underneath it, but will not match a regular file or a symbolic link `foo`'),
  giSameEffect: gi(
    'The pattern `doc/frotz` and `/doc/frotz` have the same effect in any .gitignore file. In other words, a leading slash is not relevant if there is already a middle slash in the pattern.',
  ),

  // GitLab, "Syntax of CODEOWNERS file"
  glDefaultOwner: glr('# Specify a default Code Owner for all files with a wildcard:\n* @default-owner'),
  glMultiple: glr('# Specify multiple Code Owners to a specific file:\nREADME.md @doc-team @tech-lead'),
  glExtension: glr('# Specify a Code Owner to all files with a specific extension:\n*.rb @ruby-owner'),
  glEmail: glr('# Specify Code Owners with usernames or email addresses:\nLICENSE @legal janedoe@gitlab.com'),
  glGroups: glr('# Use group names to match groups and nested groups:\nREADME @group @group/with-nested/subgroup'),
  glDirExamples: glr(
    '/docs/**/*.md @markdown-docs  # Match specific file types in any subdirectory\n/db/**/index.md @index-docs   # Match a specific file name in any subdirectory',
  ),
  glRoleExample: glr('# Assign a role as a Code Owner:\n/config/ @@maintainer'),
  glDuplicateEntry: glr('If an entry is duplicated in a section, the last entry is used. Rules defined later in the file take precedence over earlier rules.'),
  glInlineComments: glr('Comments: Lines starting with `#` are ignored. Inline comments are unsupported. Any Code Owners listed in a comment are parsed.'),
  glReadmeRoot: glr(
    'The Code Owners for the `README.md` in the root directory are: `@admin`, from the unnamed section. `@user1` and `@user2`, from `[README Owners]`. `@user3`, from `[README other owners]`.',
  ),
  glReadmeInternal: glr(
    'The Code Owners for `internal/README.md` are: `@admin`, from the unnamed section. `@user4`, from the last entry in `[README Owners]`. `@user3` from `[README other owners]`. (Both lines in `[README Owners]` match this file\'s name, but only the last line in the section is kept.)',
  ),
  glHeadingName: glr('Section headings must have a name.'),
  glSectionNames: glr('Section names are case-insensitive, and sections with duplicate names are combined.'),
  glHeadingExamples: glr(
    '# Optional section\n^[Section name]\n\n# Section requiring 5 approvals\n[Section name][5]\n\n# Section with @username as default owner\n[Section name] @username\n\n# Section with @group and @subgroup as default owners and requiring 2 approvals\n[Section name][2] @group @subgroup',
  ),
  glDefaultOwners: glr(
    '`@database-team` and `@agarcia` own all items in the `Database` section except `config/db/database-setup.md`, which has an override assigning it to `@docs-team`.',
  ),
  glDefaultApplied: glr(
    'Default owners are applied when specific owners are not specified for file paths. Specific owners defined beside the file path override default owners.',
  ),
  glOptional: glr('To treat the entire section as optional, prepend the section name with the caret `^` character.'),
  glOptionalDuplicate: glr('If a section is duplicated in the file, and one of them is marked as optional and the other isn\'t, the section is required.'),
  glRoles: glr('Use the `@@` prefix to set a role. Only Developer, Maintainer, and Owner roles are available.'),
  glRolesPlural: glr('It is possible to specify plural roles. For example, `@@developers` is accepted.'),
  glRoleFile: glr('The following example sets all direct project members with the Developer or Maintainer role as Code Owners for `file.md`: file.md @@developer @@maintainer'),
  glSubgroup: glr('# All direct group and direct subgroup members as Code Owners for a file\nfile.md @group-x @group-x/subgroup-y'),
  glAbsolute: glr('Paths starting with `/` match from the repository root: # Matches only README.md in the root. /README.md # Matches only README.md inside the /docs directory. /docs/README.md'),
  glRelativeReadme: glr('# Matches /README.md, /internal/README.md, /app/lib/README.md\nREADME.md @username'),
  glRelativeInternal: glr('# Matches /internal/README.md, /docs/internal/README.md, /docs/api/internal/README.md\ninternal/README.md'),
  glDirectory: glr('End a path with `/` to match all files in the directory and its subdirectories'),
  glWildMd: glr('# Any markdown files in the docs directory\n/docs/*.md @username'),
  glWildIndex: glr('# /docs/index file of any filetype\n# For example: /docs/index.md, /docs/index.html, /docs/index.xml\n/docs/index.* @username'),
  glWildSpec: glr("# Any file in the docs directory with 'spec' in the name.\n# For example: /docs/qa_specs.rb, /docs/spec_helpers.rb, /docs/runtime.spec\n/docs/*spec* @username"),
  glWildReadme: glr('# README.md files one level deep within the docs directory\n# For example: /docs/api/README.md\n/docs/*/README.md @username'),
  glGlobstar: glr('# For example: /docs/index.md, /docs/api/index.md, and /docs/api/graphql/index.md.\n/docs/**/index.md'),
  glExclusions: glr(
    'Prefix files or paths with `!` to exempt or exclude them from requiring code owner approval. Exclusions apply in their section. In the following example: The `pom.xml` exclusion applies to the default section. The `/config/**/*.rb` exclusion only affects Ruby files in the Ruby section.',
  ),
  glExclusionOrder: glr('* @default-owner\n!*.rb                      # Excludes all Ruby files.\n/special/*.rb @ruby-owner  # This won\'t take effect as *.rb is already excluded.'),
  glExclusionFinal: glr(
    'After a pattern is excluded, it cannot be included again in the same section: [Ruby] *.rb @ruby-team !/config/**/*.rb /config/routes.rb @ops    # This won\'t take effect as config Ruby files are excluded.',
  ),
  glExclusionSections: glr(
    'If you need different exclusions for different owners, use multiple sections: [Ruby] *.rb @ruby-team !/config/**/*.rb [Config] /config/ @ops-team      # Config files still require ops-team approval.',
  ),
  glExclusionAutomation: glr(
    "# Files updated by automation don't need approval.\n!package-lock.json\n!yarn.lock\n!**/generated/          # Any files in generated directories.\n!.gitlab-ci.yml",
  ),

  // GitLab, "Advanced CODEOWNERS configuration"
  glFnmatchDot: gla('The `File::FNM_DOTMATCH` flag allows `*` to match dotfiles like `.gitignore`.'),
  glFnmatchPath: gla('The `File::FNM_PATHNAME` flag prevents `*` from matching the `/` path separator.'),
  glFnmatchGlobstar: gla('`**` matches directories recursively. For example, `**/*.rb` matches `config/database.rb` and `app/controllers/users/stars_controller.rb`.'),
  glDefaultAndOptional: gla('To combine the syntax for default owners with optional sections and required approvals, place default owners at the end: [Documentation][2] @docs-team ... ^[Database] @database-team'),
  glRegular: gla(
    'A merge request that modifies `model/db/CHANGELOG.txt` would require three approvals: one from each of the `@general-approvers`,`@docs-team`, and `@database-team` groups.',
  ),
  glRegularEverywhere: gla('`@general-approvers` owns all items everywhere, without overrides.'),
  glDuplicateSections: gla(
    'This code results in three entries under the `Documentation` section header, and two entries under `Database`. The entries defined under the sections `Documentation` and `DOCUMENTATION` are combined, using the case of the first section.',
  ),
  glLastPattern: gla('The Code Owner for `terms.md` would be `@legal-team`.'),
  glApprovals: gla('Valid entries for `n` are integers `≥ 1`. `[1]` is optional because it is the default. Invalid values for `n` are treated as `1`.'),
  glZeroApprovals: gla('Setting the number of approvals to `0` results in GitLab requiring one approval.'),
  glSpaces: gla('Escape whitespace in paths with backslashes: path\\ with\\ spaces/*.md @owner'),
  glUnescapedSpaces: gla('Without escaping, GitLab parses `folder with spaces/*.md @group` as: `path: "folder", owners: " with spaces/*.md @group"`.'),
  glUnparsable: gla('GitLab recognizes the heading `[Section name` as an entry. The default section includes 3 rules'),
  glMalformed: gla('Malformed owners are invalid and ignored: /path/* @group user_without_at_symbol @user_with_at_symbol — This entry is owned by `@group` and `@user_with_at_symbol`.'),
  glZeroOwners: gla('If an entry includes no owners, or zero accessible owners exist, the entry is invalid.'),

  // GitLab 17.7, "Code Owners syntax and error handling" (example file)
  glEscapeHash: gl177('# Files with a `#` can still be accessed by escaping the pound sign:\n\\#file_with_pound.rb @owner-file-with-pound'),
  glEscapeSpace: gl177('# If the path contains spaces, escape them like this:\npath\\ with\\ spaces/ @space-owner'),
  glNested: gl177('# Match directories nested anywhere in the repository:\nlib/ @lib-owner'),
  glRootOnly: gl177('# Match only a directory in the root of the repository:\n/config/ @config-owner'),
} satisfies Record<string, DocRef>;
