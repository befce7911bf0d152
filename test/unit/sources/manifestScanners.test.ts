/**
 * The manifest readers' scanners replaced regexes that backtracked super-linearly (a TOML
 * header line of `[` and thousands of spaces took 25 s, a Gradle line of a configuration and
 * 100,000 spaces as long). Each scanner must answer exactly as the regex did on ordinary
 * input: the old regexes are kept here as oracles, run on small random lines, and the
 * scanners must stay linear on the inputs that made the regexes hang.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gradleDependency, parseManifest, pomArtifactIdRange, tomlHeader, tomlKeyValue } from '../../../src/core/sources/manifest';

// ---------------------------------------------------------------------------
// The regexes as they were (oracles only; they must not return to src/).

function oldTomlHeader(line: string): string | null {
  const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?\r?$/.exec(line);
  if (!header || line.trim().startsWith('[[')) return null;
  return header[1].replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
}

function oldTomlKeyValue(line: string, key: string): [number, number] | null {
  const match = new RegExp(`^(\\s*${key}\\s*=\\s*)(["'])([^"']*)\\2`).exec(line);
  if (!match) return null;
  const start = match[1].length + 1;
  return [start, start + match[3].length];
}

const CONFIGURATIONS = ['implementation', 'api', 'compileOnly', 'testImplementation', 'kapt', 'compile', 'runtime', 'testCompile'];

function oldGradleDependency(line: string): string | null {
  const configuration = `(?:${['implementation', 'api', 'compileOnly', 'runtimeOnly', 'compileOnlyApi', 'testImplementation', 'testRuntimeOnly', 'testCompileOnly', 'androidTestImplementation', 'debugImplementation', 'releaseImplementation', 'annotationProcessor', 'kapt', 'ksp', 'developmentOnly', 'compile', 'runtime', 'testCompile'].join('|')})`;
  const coordinates = new RegExp(`^\\s*${configuration}\\s*\\(?\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?["']([^"'$]+?)["']`);
  const mapNotation = new RegExp(`^\\s*${configuration}\\s*\\(?\\s*group\\s*[:=]\\s*["']([^"']+)["']\\s*,\\s*name\\s*[:=]\\s*["']([^"']+)["']`);
  const catalog = new RegExp(`^\\s*${configuration}\\s*\\(?\\s*(libs\\.[A-Za-z0-9_.-]+)`);
  const map = mapNotation.exec(line);
  if (map) return `${map[1]}:${map[2]}`;
  const coordinate = coordinates.exec(line);
  if (coordinate) {
    const parts = coordinate[1].split(':');
    return parts.length >= 2 ? `${parts[0]}:${parts[1]}` : null;
  }
  const alias = catalog.exec(line);
  return alias ? alias[1] : null;
}

function oldPomArtifactIdRange(source: string): [number, number] | null {
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g;
  const stack: string[] = [];
  for (let match = tag.exec(source); match; match = tag.exec(source)) {
    if (!match[2]) continue;
    const name = match[2].replace(/^.*:/, '');
    if (match[1]) stack.pop();
    else if (!match[3]) {
      if (name === 'artifactId' && stack.length === 1 && stack[0] === 'project') {
        const start = match.index + match[0].length;
        const end = source.indexOf('<', start);
        if (end < 0) return null;
        const raw = source.slice(start, end);
        const lead = raw.length - raw.trimStart().length;
        return [start + lead, start + raw.trimEnd().length];
      }
      stack.push(name);
    }
  }
  return null;
}

// ---------------------------------------------------------------------------

const pieces = (...parts: string[]) => fc.array(fc.constantFrom(...parts), { maxLength: 14 }).map((p) => p.join(''));

/** Milliseconds to run `work` once. */
function timed(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe('manifest scanners', () => {
  it('TOML headers: as the regex read them', () => {
    fc.assert(
      fc.property(pieces('[', ']', '[package]', ' ', '\t', 'a', 'package', '.', '"', "'", '#', 'x'), fc.boolean(), (body, crlf) => {
        const line = body + (crlf ? '\r' : '');
        // `[ ]` (blank inside) is no table to either; the regex called it the table " ".
        fc.pre(!/^\s*\[\s+\]/.test(line));
        assert.equal(tomlHeader(line), oldTomlHeader(line), JSON.stringify(line));
      }),
      { numRuns: 3000 },
    );
    assert.equal(tomlHeader('[ tool . "poetry" ]  # the tool'), 'tool.poetry');
    assert.equal(tomlHeader('[[bin]]'), null);
    assert.equal(tomlHeader('[package] name = 1'), null);
  });

  it('TOML `key = "value"`: as the regex read it', () => {
    fc.assert(
      fc.property(pieces(' ', '\t', 'name', '=', '"', "'", 'ledger', '-', 'x', '#'), (line) => {
        assert.deepEqual(tomlKeyValue(line, 'name'), oldTomlKeyValue(line, 'name'), JSON.stringify(line));
      }),
      { numRuns: 3000 },
    );
  });

  it('Gradle dependency lines: as the regexes read them', () => {
    const rest = pieces(' ', '(', ')', '"', "'", '$', ':', '=', ',', 'group', 'name', 'platform', 'enforcedPlatform', 'libs.', 'libs', '.', 'io', 'core', '-', 'x');
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '\t  '), fc.constantFrom(...CONFIGURATIONS, 'classpath', 'foo'), fc.constantFrom(' ', '(', '"', "'", ' ('), rest, (indent, configuration, separator, tail) => {
        const line = indent + configuration + separator + tail;
        assert.equal(gradleDependency(line), oldGradleDependency(line), JSON.stringify(line));
      }),
      { numRuns: 5000 },
    );
    assert.equal(gradleDependency('    implementation group: "io.micrometer", name: "micrometer-core", version: "1.12.0"'), 'io.micrometer:micrometer-core');
    assert.equal(gradleDependency('    api(platform("org.springframework.boot:spring-boot-dependencies:3.2.0"))'), 'org.springframework.boot:spring-boot-dependencies');
    assert.equal(gradleDependency('    implementation(libs.micrometer.registry.prometheus)'), 'libs.micrometer.registry.prometheus');
    assert.equal(gradleDependency('    implementation "com.acme:${name}:1.0"'), null);
  });

  it('pom.xml artifactId: as the regex found it', () => {
    const xml = fc
      .tuple(
        fc.constantFrom('', '<?xml?>', '<!DOCTYPE project>', '<!-- x -->', '<m:project>'),
        fc.constantFrom('<project>', '<project a="1">', '<m:project>', '<project/>', ''),
        pieces('<', '>', '/', '</', '/>', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE', '<artifactId>', '</artifactId>', '<parent>', '</parent>', '<m:artifactId>', 'artifactId', ' ', 'x', 'a="1"'),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(xml, (source) => {
        assert.deepEqual(pomArtifactIdRange(source), oldPomArtifactIdRange(source), JSON.stringify(source));
      }),
      { numRuns: 5000 },
    );
    const pom = '<?xml version="1.0"?>\n<!-- <artifactId>no</artifactId> -->\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <parent><artifactId>parent</artifactId></parent>\n  <artifactId> ledger </artifactId>\n</project>\n';
    const range = pomArtifactIdRange(pom);
    assert.ok(range);
    assert.equal(pom.slice(...range), 'ledger');
  });

  it('go.mod: a `//` comment is cut on CRLF lines too', () => {
    const { value } = parseManifest('module example.com/ledger // the ledger\r\n\r\nrequire (\r\n\tgithub.com/acme/log v1.0.0 // indirect\r\n)\r\n', 'go.mod');
    assert.equal(value?.name, 'example.com/ledger');
    assert.deepEqual(value?.dependencies, ['github.com/acme/log']);
  });

  it('stays linear on the lines that made the regexes hang', () => {
    const spaces = ' '.repeat(200_000);
    // Each of these took from seconds to minutes with the regexes.
    const cases: [string, () => unknown][] = [
      ['TOML header of `[` and spaces', () => tomlHeader('[' + spaces + 'x')],
      ['TOML header with spaced dots', () => tomlHeader('[a' + spaces + '.' + spaces + 'b]')],
      ['TOML key and spaces', () => tomlKeyValue('name' + spaces + 'x', 'name')],
      ['Gradle configuration and spaces', () => gradleDependency('implementation' + spaces + 'x')],
      ['Gradle group and spaces', () => gradleDependency('implementation group:' + spaces + ',')],
      ['pom tag name without `>`', () => pomArtifactIdRange('<project>' + '<a'.repeat(50_000) + 'b'.repeat(100_000))],
      ['pom unclosed comments', () => pomArtifactIdRange('<!--'.repeat(50_000) + '<project>')],
      ['go.mod line of slashes', () => parseManifest('module m\n// ' + '/'.repeat(200_000) + '\rx\n', 'go.mod')],
      [
        'Cargo.toml header of `[` and spaces inside a string',
        () => parseManifest('[package]\ndescription = """\n[' + spaces + 'x\n"""\nname = "ledger"\n', 'crates/ledger/Cargo.toml'),
      ],
    ];
    for (const [what, work] of cases) {
      const ms = timed(work);
      assert.ok(ms < 500, `${what}: ${Math.round(ms)} ms`);
    }
  });

  it('reads the name of a Cargo.toml whose description hides a bracket line', () => {
    const text = '[package]\ndescription = """\n[' + ' '.repeat(4000) + 'x\n"""\nname = "ledger"\nversion = "0.1.0"\n';
    const { value, problems } = parseManifest(text, 'crates/ledger/Cargo.toml');
    assert.deepEqual(problems, []);
    assert.equal(value?.name, 'ledger');
    assert.deepEqual(value?.location, { file: 'crates/ledger/Cargo.toml', line: 5, column: 9, endLine: 5, endColumn: 15 });
  });
});
