/**
 * Hostile inputs too big, too binary or too special to commit (3 MB CODEOWNERS, 200,000
 * files, lines of 100,000 characters, symbolic-link loops, FIFOs): written at test time into
 * the case's temporary root. Each generator is named by a case in manifest.json.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export type Generator = (root: string) => void;

function write(root: string, file: string, content: string | Uint8Array): void {
  const full = path.join(root, ...file.split('/'));
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

const CONTRACT_HEAD = 'apiVersion: northstar/v1\nkind: ServiceContract\n';

/** `depth` nested block mappings: `a:\n  a:\n    a: …`. */
function nestedBlock(depth: number): string {
  let out = '';
  for (let i = 0; i < depth; i++) out += ' '.repeat(i) + 'a:\n';
  return out + ' '.repeat(depth) + 'b: 1\n';
}

/** Pathological names for glob patterns: long runs that almost match `a*a*a*a*a*b`. */
const LONG_A = 'a'.repeat(200);

export const GENERATORS: Record<string, Generator> = {
  'yaml-deep-nesting': (root) => {
    write(root, 'CODEOWNERS', '* @acme/deep\n');
    // 100,000 flow levels: a recursive parser overflows its stack on this.
    write(root, 'services/flow/service-contract.yaml', CONTRACT_HEAD + 'name: flow\nowner: "@acme/deep"\ndependsOn: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n');
    write(root, 'services/block/service-contract.yaml', CONTRACT_HEAD + 'name: block\nowner: "@acme/deep"\nextra:\n' + nestedBlock(1000).replace(/^/gm, '  '));
    write(root, 'catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: deep\nspec:\n  owner: group:default/deep\n  type: service\n  dependsOn: ' + '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000) + '\n');
    write(root, 'services/json/package.json', '{"name": "deep-json", "dependencies": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}\n');
  },

  'yaml-long-lines': (root) => {
    write(root, 'CODEOWNERS', '* @acme/long\n');
    const long = 'x'.repeat(100_000);
    write(
      root,
      'services/long/service-contract.yaml',
      CONTRACT_HEAD +
        `name: ${long}\nowner: "@acme/long"\ndescription: ${'lorem ipsum '.repeat(8_334)}\ndependsOn: [ledger-${'l'.repeat(100_000)}]\ntier: ${'9'.repeat(100_000)}\n`,
    );
    // 10,000 dependencies on one line of about 100,000 characters.
    write(root, 'services/many/service-contract.yaml', `${CONTRACT_HEAD}name: many\nowner: "@acme/long"\ndependsOn: [${Array.from({ length: 10_000 }, (_, i) => `dep-${i}`).join(', ')}]\n`);
    write(root, 'teams.yaml', `apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/long"\n    name: ${'n'.repeat(100_000)}\n    escalation: [{ kind: chat, target: "#${'c'.repeat(100_000)}" }]\n`);
    // An unterminated quote at column 100,001.
    write(root, 'services/broken/service-contract.yaml', CONTRACT_HEAD + `description: ${'y'.repeat(100_000)}"unterminated\nname: "broken\n`);
  },

  'source-long-lines': (root) => {
    write(root, 'CODEOWNERS', '* @acme/src\n');
    write(root, 'vision.yaml', 'apiVersion: northstar/v1\nkind: Vision\nvision: { direction: d, why: w, capabilities: [] }\npriorities:\n  - { id: speed, title: Speed, metrics: [ { name: p95, unit: ms, baseline: 900, current: 500, target: 300 } ] }\n');
    write(root, 'services/app/package.json', '{ "name": "app" }\n');
    // One line of 100,000 characters holding thousands of tags, and one of tag prefixes only.
    write(root, 'services/app/src/minified.js', '// northstar:priority speed\n' + 'var a=1;/* northstar:priority speed,unknown-one */'.repeat(2_000) + '\n' + 'northstar:priority'.repeat(5_556) + '\n');
    write(root, 'services/app/src/spaces.ts', '// northstar:priority' + ' '.repeat(100_000) + ',' + ' '.repeat(100_000) + 'x\n');
  },

  'file-too-large': (root) => {
    write(root, 'CODEOWNERS', '* @acme/big\n');
    write(root, 'services/big/service-contract.yaml', CONTRACT_HEAD + 'name: big\nowner: "@acme/big"\n' + `# ${'padding '.repeat(140_000)}\n`);
    write(root, 'services/big/package.json', `{ "name": "big", "description": "${'d'.repeat(1_200_000)}" }\n`);
  },

  'non-utf8-and-binary': (root) => {
    write(root, 'CODEOWNERS', '* @acme/bytes\n');
    // Latin-1 "é" in a contract: not UTF-8.
    write(root, 'services/latin1/service-contract.yaml', Buffer.from(CONTRACT_HEAD + 'name: caf\xe9\nowner: "@acme/bytes"\n', 'latin1'));
    // UTF-16 with a BOM (NUL bytes: binary as git decides).
    write(root, 'teams.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: northstar/v1\nkind: Teams\nteams: []\n', 'utf16le')]));
    // A PNG named like a catalog file.
    write(root, 'services/png/catalog-info.yaml', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    // Random-looking bytes with no NUL and invalid UTF-8 sequences.
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + ((i * 37) % 127);
    write(root, 'vision.yaml', bytes);
    write(root, '.northstar.yaml', Buffer.from([0xc3, 0x28, 0x0a]));
    write(root, 'services/gz/package.json', Buffer.from('1f8b0800000000000003cb48cdc9c95728cf2fca49010085114a0d0b000000', 'hex'));
    write(root, 'services/gz/src/main.go', Buffer.from([0x70, 0x61, 0x63, 0x6b, 0xff, 0xfe, 0x00, 0x01]));
    // A valid contract whose text needs UTF-16 surrogate pairs before the error, for columns.
    write(root, 'services/emoji/service-contract.yaml', CONTRACT_HEAD + 'name: "😀😀😀"\nowner: "@acme/bytes"\ndependsOn: [😀😀, [x\n');
  },

  'codeowners-binary': (root) => {
    write(root, '.github/CODEOWNERS', Buffer.from('2a204061636d652f78000000ffd8ffe0', 'hex'));
    write(root, 'services/a/service-contract.yaml', CONTRACT_HEAD + 'name: a\n');
  },

  'codeowners-3mb': (root) => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 3 * 1024 * 1024 + 10; i++) {
      const line = `/services/team-${i}/ @acme/team-${i}\n`;
      lines.push(line);
      size += line.length;
    }
    write(root, '.github/CODEOWNERS', lines.join(''));
    write(root, 'services/team-1/service-contract.yaml', CONTRACT_HEAD + 'name: team-1\nowner: "@acme/team-1"\n');
  },

  'codeowners-100k-lines': (root) => {
    const lines = ['# 100,000 lines, the last matching one wins'];
    for (let i = 0; i < 99_998; i++) lines.push(i % 10 === 0 ? `# ${i}` : `/s${i}/*.${['ts', 'go', 'py'][i % 3]} @a/t${i % 700}`);
    lines.push('/s42/ @acme/last');
    write(root, '.github/CODEOWNERS', lines.join('\n') + '\n');
    for (let i = 0; i < 50; i++) write(root, `s${i}/main.go`, 'package main\n');
    write(root, 's42/src/main.go', 'package main\n');
    write(root, 's42/service-contract.yaml', CONTRACT_HEAD + 'name: svc-42\n');
  },

  'codeowners-long-lines': (root) => {
    const longPattern = '/' + Array.from({ length: 10_000 }, (_, i) => `d${i % 10}`).join('/').slice(0, 100_000);
    const manyOwners = Array.from({ length: 7_000 }, (_, i) => `@acme/o${i}`).join(' ');
    const longStars = '*'.repeat(100_000);
    write(root, '.github/CODEOWNERS', `* @acme/base\n${longPattern} @acme/long\n/services/ ${manyOwners}\n${longStars} @acme/stars\n/docs/${'x'.repeat(100_000)} @acme/docs\n# ${'c'.repeat(100_000)}\n`);
    write(root, 'services/a/main.go', 'package main\n');
    write(root, 'docs/readme.md', '# docs\n');
  },

  'codeowners-pathological-globs': (root) => {
    const patterns = [
      '* @acme/base',
      '**/**/**/**/**/**/a*a*a*a*a*b @acme/slow-a',
      '*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?b @acme/slow-q',
      `/${'*?'.repeat(500)}b @acme/slow-q2`,
      `**/${'a*'.repeat(50)}b/** @acme/slow-dir`,
      '/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/z @acme/globstars',
    ];
    write(root, '.github/CODEOWNERS', patterns.join('\n') + '\n');
    // Names of 200 characters that almost match, at several depths.
    for (let d = 0; d < 12; d++) write(root, `${Array.from({ length: d }, () => LONG_A.slice(0, 40)).join('/')}${d ? '/' : ''}${LONG_A}`, 'x\n');
    write(root, `${LONG_A}c/${LONG_A}/file.txt`, 'x\n');
    write(root, `x/${LONG_A}b`, 'matches a*a*a*a*a*b\n');
  },

  'codeowners-gitlab-pathological': (root) => {
    const lines = [
      '[Slow] @acme/base',
      '*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*b @acme/brackets',
      `${'[!b]*'.repeat(30)}b @acme/negated`,
      `/**/**/**/**/**/**/${'a*'.repeat(20)}b @acme/globstar`,
      '^[Optional] @acme/opt',
      `!${'*?'.repeat(200)}b`,
    ];
    write(root, '.gitlab/CODEOWNERS', lines.join('\n') + '\n');
    for (let d = 0; d < 8; d++) write(root, `${Array.from({ length: d }, () => 'a'.repeat(30)).join('/')}${d ? '/' : ''}${LONG_A}`, 'x\n');
  },

  'globs-pathological-config': (root) => {
    write(root, 'CODEOWNERS', '* @acme/globs\n');
    write(
      root,
      '.northstar.yaml',
      [
        'apiVersion: northstar/v1',
        'kind: Config',
        'modules:',
        `  exclude: ["**/**/**/**/**/**/a*a*a*a*a*b", "**/${'*?'.repeat(40)}b"]`,
        'tests:',
        `  patterns: ["**/${'*?'.repeat(40)}b", "**/a*a*a*a*a*a*a*a*b", "${'{a,b}'.repeat(30)}", "{1..100000000}"]`,
        'ignore:',
        `  - { rule: "quality/*", paths: ["**/**/**/**/a*a*a*a*a*a*a*b", "${'[a-z]*'.repeat(30)}b"] }`,
      ].join('\n') + '\n',
    );
    for (let i = 0; i < 20; i++) {
      const folder = `services/${'a'.repeat(60)}${i}`;
      write(root, `${folder}/service-contract.yaml`, `${CONTRACT_HEAD}name: svc-${i}\nowner: "@acme/globs"\ntests: ["**/**/**/**/**/a*a*a*a*a*a*b", "${'*?'.repeat(60)}b"]\npaths: ["${'**/'.repeat(40)}a*a*a*b"]\n`);
      write(root, `${folder}/${LONG_A}/${LONG_A}`, 'x\n');
    }
  },

  'gitignore-pathological': (root) => {
    write(root, 'CODEOWNERS', '* @acme/ignore\n');
    write(root, '.gitignore', ['**/**/**/**/**/**/a*a*a*a*a*b', `${'*?'.repeat(200)}b`, `${'[a-z]*'.repeat(40)}b`, '!'.repeat(1000), '\\'.repeat(999), `${'a*'.repeat(5000)}b`].join('\n') + '\n');
    for (let d = 0; d < 10; d++) write(root, `${Array.from({ length: d }, () => LONG_A.slice(0, 50)).join('/')}${d ? '/' : ''}${LONG_A}/service-contract.yaml`, `${CONTRACT_HEAD}name: m${d}\nowner: "@acme/ignore"\n`);
  },

  'unreadable-folder': (root) => {
    write(root, 'CODEOWNERS', '* @acme/open\n/services/secret/ @acme/secret\n');
    write(root, 'services/open/service-contract.yaml', `${CONTRACT_HEAD}name: open\nowner: "@acme/open"\n`);
    write(root, 'services/secret/service-contract.yaml', `${CONTRACT_HEAD}name: secret\nowner: "@acme/secret"\n`);
    write(root, 'services/secret/src/key.go', 'package key\n');
  },

  'unreadable-files': (root) => {
    write(root, '.github/CODEOWNERS', '* @acme/files\n');
    write(root, 'services/locked/service-contract.yaml', `${CONTRACT_HEAD}name: locked\nowner: "@acme/files"\n`);
    write(root, 'services/locked/package.json', '{ "name": "locked" }\n');
    write(root, 'services/fine/catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: fine\nspec:\n  owner: group:default/files\n  type: service\n');
    write(root, 'teams.yaml', 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - { id: "@acme/files", escalation: [ { kind: chat, target: "#files" } ] }\n');
    write(root, '.gitignore', 'tmp/\n');
  },

  'symlink-loops': (root) => {
    write(root, 'CODEOWNERS', '* @acme/links\n');
    write(root, 'services/payments/service-contract.yaml', `${CONTRACT_HEAD}name: payments\nowner: "@acme/links"\n`);
    symlinkSync('..', path.join(root, 'services/payments/parent'));
    symlinkSync('.', path.join(root, 'services/self'));
    symlinkSync('loop-b', path.join(root, 'loop-a'));
    symlinkSync('loop-a', path.join(root, 'loop-b'));
    symlinkSync('nowhere/at/all', path.join(root, 'dangling'));
    symlinkSync('services', path.join(root, 'services-link'));
    symlinkSync('catalog-info.yaml', path.join(root, 'services/catalog-info.yaml'));
  },

  'symlinks-outside-root': (root) => {
    write(root, 'CODEOWNERS', '* @acme/links\n');
    write(root, 'services/a/service-contract.yaml', `${CONTRACT_HEAD}name: a\nowner: "@acme/links"\n`);
    // A cloned repository can hold links to anything on the machine that runs Northstar.
    symlinkSync('/etc/passwd', path.join(root, 'teams.yaml'));
    symlinkSync('/proc/self/environ', path.join(root, 'vision.yaml'));
    symlinkSync('/etc', path.join(root, 'services/etc'));
    symlinkSync('/', path.join(root, 'services/root'));
    symlinkSync('../../../../../../../../etc/hostname', path.join(root, 'services/a/catalog-info.yaml'));
  },

  'special-files': (root) => {
    write(root, 'CODEOWNERS', '* @acme/special\n');
    write(root, 'services/a/package.json', '{ "name": "a" }\n');
    // A FIFO blocks whoever opens it for reading; /dev/zero never ends.
    execFileSync('mkfifo', [path.join(root, 'services/a/service-contract.yaml')]);
    symlinkSync('/dev/zero', path.join(root, 'catalog-info.yaml'));
    symlinkSync('/dev/urandom', path.join(root, 'services/a/go.mod'));
    symlinkSync('service-contract.yaml', path.join(root, 'services/a/catalog-info.yaml'));
  },

  'workspace-200k-empty-files': (root) => {
    write(root, 'CODEOWNERS', '* @acme/scale\n/services/svc-7/ @acme/seven\n');
    for (let s = 0; s < 200; s++) {
      const folder = path.join(root, 'services', `svc-${s}`);
      mkdirSync(path.join(folder, 'src'), { recursive: true });
      if (s % 10 === 0) writeFileSync(path.join(folder, 'service-contract.yaml'), `${CONTRACT_HEAD}name: svc-${s}\n`);
      for (let f = 0; f < 1000; f++) writeFileSync(path.join(folder, 'src', `f${f}.txt`), '');
    }
  },
};

// ---------------------------------------------------------------------------
// Round 2, class 3: super-linear work on small files (manifests/superlinear.json), and the
// .gitignore part of class 4. Each reproduces a tester's report; timings before the fixes
// are in the cases' titles.

/** `[` and 4,000 spaces inside a multi-line string: valid TOML, and cubic for the old header regex. */
const TOML_BRACKET_LINE = '[' + ' '.repeat(4_000) + 'x';

Object.assign(GENERATORS, {
  'manifest-cargo-bracket-spaces': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/ledger\n');
    write(root, 'crates/ledger/Cargo.toml', `[package]\ndescription = """\n${TOML_BRACKET_LINE}\n"""\nname = "ledger"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\ntracing = "0.1"\n`);
    write(root, 'crates/ledger/src/lib.rs', 'pub fn post() {}\n');
  },

  'manifest-pyproject-bracket-spaces': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/billing\n');
    write(root, 'py/billing/pyproject.toml', `[project]\ndescription = """\n${TOML_BRACKET_LINE}\n"""\nname = "billing"\nversion = "1.0.0"\ndependencies = ["opentelemetry-api>=1.20"]\n`);
    write(root, 'py/billing/billing/__init__.py', '');
  },

  'manifest-toml-spaced-header': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/ledger\n');
    // A quoted table name with 60,000 spaces inside: quadratic for the header regex and for the
    // replace that tidied the spaces around its dots.
    write(root, 'crates/ledger/Cargo.toml', `["notes${' '.repeat(60_000)}x"]\nkey = 1\n\n[package]\nname = "ledger"\nversion = "0.1.0"\n`);
  },

  'manifest-gradle-spaces': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/app\n');
    const spaces = ' '.repeat(33_000);
    write(
      root,
      'services/app/build.gradle',
      [
        'plugins { id "java" }',
        'dependencies {',
        `    implementation${spaces}x`,
        `    testImplementation group:${spaces},`,
        `    api(platform(${spaces}x`,
        '    implementation "io.opentelemetry:opentelemetry-api:1.32.0"',
        '}',
      ].join('\n') + '\n',
    );
    write(root, 'services/app/src/main/java/App.java', 'class App {}\n');
    // A service: without the OpenTelemetry dependency read past the hostile lines, observability/missing.
    write(root, 'services/app/service-contract.yaml', `${CONTRACT_HEAD}name: app\nowner: "@acme/app"\n`);
  },

  'manifest-gomod-slashes': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/api\n');
    write(root, 'go/api/go.mod', `module example.com/api\n\ngo 1.22\n\n// ${'/'.repeat(100_000)}\rx\nrequire go.opentelemetry.io/otel v1.21.0\n`);
    write(root, 'go/api/main.go', 'package main\n');
    write(root, 'go/api/service-contract.yaml', `${CONTRACT_HEAD}name: api\nowner: "@acme/api"\n`);
  },

  'yaml-anchor-20000-uses': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/ledger\n');
    write(root, 'services/payments/service-contract.yaml', `${CONTRACT_HEAD}name: payments\nowner: "@acme/ledger"\n`);
    // One anchor used 20,000 times: 80 KB.
    write(root, 'services/ledger/service-contract.yaml', `${CONTRACT_HEAD}name: ledger\nowner: "@acme/ledger"\nx-dep: &d payments\ndependsOn: [${Array(20_000).fill('*d').join(', ')}]\n`);
  },

  'yaml-anchor-empty-collections': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/ledger\n');
    // Aliases of an empty map count for nothing in the yaml library's own bound.
    const lines = [`${CONTRACT_HEAD}name: ledger\nowner: "@acme/ledger"\nx-none: &e {}\nx-list:`];
    for (let i = 0; i < 20_000; i++) lines.push('  - *e');
    write(root, 'services/ledger/service-contract.yaml', lines.join('\n') + '\n');
  },

  'gitignore-50k-rules': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/platform\n');
    const rules = ['# generated build output, one line per artifact', '*.tmp', '**/scratch*/', '!important.tmp'];
    for (let i = 0; rules.length < 50_000; i++) {
      const s = i % 400;
      switch (i % 5) {
        case 0:
          rules.push(`/services/svc-${s}/out-${i}/`);
          break;
        case 1:
          rules.push(`*.gen-${i}`);
          break;
        case 2:
          rules.push(`cache-${i}/`);
          break;
        case 3:
          rules.push(`services/svc-${s}/**/*.s${i}`);
          break;
        default:
          rules.push(`!services/svc-${s}/k${i}.txt`);
      }
    }
    rules.push('services/svc-3/service-contract.yaml', 'services/svc-5/*.yaml', '!services/svc-5/service-contract.yaml');
    write(root, '.gitignore', rules.join('\n') + '\n');
    for (let s = 0; s < 400; s++) {
      const folder = `services/svc-${s}`;
      write(root, `${folder}/service-contract.yaml`, s === 3 ? `${CONTRACT_HEAD}name: [broken\n` : `${CONTRACT_HEAD}name: svc-${s}\nowner: "@acme/platform"\n`);
      write(root, `${folder}/src/main.go`, 'package main\n');
      write(root, `${folder}/src/main_test.go`, 'package main\n');
      write(root, `${folder}/README.md`, `# svc-${s}\n`);
      write(root, `${folder}/debug.tmp`, 'ignored\n');
    }
  },

  'gitignore-1.5gb': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/platform\n');
    write(root, 'services/a/service-contract.yaml', `${CONTRACT_HEAD}name: a\nowner: "@acme/platform"\n`);
    // 1.5 GB of NUL bytes, sparse: nothing is written, but its size says 1.5 GB.
    const fd = openSync(path.join(root, '.gitignore'), 'w');
    try {
      ftruncateSync(fd, 1.5 * 1024 * 1024 * 1024);
    } finally {
      closeSync(fd);
    }
  },

  'gitignore-binary': (root: string) => {
    write(root, 'CODEOWNERS', '* @acme/platform\n');
    write(root, 'services/a/service-contract.yaml', `${CONTRACT_HEAD}name: a\nowner: "@acme/platform"\n`);
    write(root, '.gitignore', Buffer.from('2a2e6c6f670a00000000ffd8ffe0', 'hex'));
  },
} satisfies Record<string, Generator>);

/**
 * Output (round 2, classes 4 and 5): reports of hundreds of thousands of findings, and names
 * that carry terminal control sequences. Kept apart from GENERATORS above so that each class
 * of cases appends its own block; merged into GENERATORS below.
 */
const OUTPUT_GENERATORS: Record<string, Generator> = {
  'output-codeowners-200k-invalid': (root) => {
    // 600 KB: a header line, then 200,000 negations, which GitHub's CODEOWNERS does not support.
    write(root, '.github/CODEOWNERS', '* @acme/platform\n' + '!a\n'.repeat(200_000));
    write(root, 'services/payments/service-contract.yaml', CONTRACT_HEAD + 'name: payments\nowner: "@acme/platform"\n');
  },

  'output-200k-findings': (root) => {
    // A CODEOWNERS that still lists 200,000 folders removed long ago: one finding each.
    const lines = ['* @acme/platform'];
    for (let i = 0; i < 200_000; i++) lines.push(`/${i.toString(36)}/ @a/o`);
    write(root, 'CODEOWNERS', lines.join('\n') + '\n');
    write(root, 'services/payments/service-contract.yaml', CONTRACT_HEAD + 'name: payments\nowner: "@acme/platform"\n');
  },

  'output-terminal-file-names': (root) => {
    write(root, 'CODEOWNERS', '* @acme/platform\n/src/ @acme/web\n');
    write(root, 'services/web/service-contract.yaml', CONTRACT_HEAD + 'name: web\nowner: "@acme/web"\n');
    // Names a terminal would act on: clear screen, OSC 8 hyperlink, bell, carriage return,
    // C1 CSI, and a right-to-left override that shows "exe.png" as "gnp.exe".
    for (const name of ['docs/\u001b[2Jreadme.md', 'docs/\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007.md', 'src/bell\u0007.ts', 'src/report\r.ts', 'src/csi\u009b31m.ts', 'src/\u202egnp.exe']) {
      write(root, name, 'export {};\n');
    }
  },

  'output-codeowners-control-owners': (root) => {
    // Owners and patterns carrying a hyperlink, a bidi override and ESC, as CODEOWNERS text.
    write(
      root,
      '.github/CODEOWNERS',
      [
        '* @acme/platform',
        '/src/ @acme/web\u001b]8;;https://evil.example/\u0007 @acme/web',
        '/docs/\u202e/ @acme/docs',
        '/gone/\u001b[2J/ @acme/docs',
        '/tools/ @acme/\u2066tools\u2069',
        '',
      ].join('\n'),
    );
    write(root, 'src/app.ts', 'export {};\n');
    write(root, 'docs/\u202e/index.md', '# docs\n');
    write(root, 'tools/build.sh', 'echo build\n');
  },

  'output-text-alignment': (root) => {
    // One pattern of 90,000 characters among 20,000 short ones, all matching no file: aligned
    // to the longest message, the text report would pad 20,000 lines to 90,000 characters.
    const lines = ['* @acme/platform', `/${'x'.repeat(90_000)}/ @acme/platform`];
    for (let i = 0; i < 20_000; i++) lines.push(`/gone-${i}/ @acme/platform`);
    write(root, 'CODEOWNERS', lines.join('\n') + '\n');
    write(root, 'src/app.ts', 'export {};\n');
  },
};

Object.assign(GENERATORS, OUTPUT_GENERATORS);
