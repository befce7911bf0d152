/**
 * The kind of each manifest's dependency entries (runtime, dev, peer, optional), the section it
 * is listed in and where it is written: the model keeps them on every edge, and cycles and the
 * default diagram use only runtime and declared ones (DESIGN section 2).
 */
import * as assert from 'node:assert/strict';
import { parseManifest } from '../../../src/core/sources/manifest';
import type { ManifestDependency } from '../../../src/core/sources/types';

function entries(text: string, file: string): ManifestDependency[] {
  const { value, problems } = parseManifest(text, file);
  assert.deepEqual(problems, [], `no problem expected in ${file}`);
  assert.ok(value);
  // Every entry's name is among the declared names, which other readers of the manifest use.
  for (const e of value.dependencyEntries) assert.ok(value.dependencies.includes(e.name), e.name);
  return value.dependencyEntries;
}

/** `name kind scope @line:column` for each entry, in file order (`@-` when not located). */
function summary(list: readonly ManifestDependency[]): string[] {
  return list.map((e) => `${e.name} ${e.kind} ${e.scope} @${e.location ? `${e.location.line}:${e.location.column}-${e.location.endColumn}` : '-'}`);
}

describe('manifest dependency kinds', () => {
  it('package.json: dependencies, devDependencies, peerDependencies, optionalDependencies, each at its key', () => {
    const text = `{
  "name": "@babel/helper-x",
  "dependencies": { "@babel/types": "^8" },
  "devDependencies": {
    "@babel/core": "^8",
    "nested": { "not": "a dependency" }
  },
  "peerDependencies": {
    "@babel/core": "^7.0.0-0"
  },
  "optionalDependencies": { "fsevents": "2" },
  "scripts": { "dependencies": "not a section" }
}
`;
    assert.deepEqual(summary(entries(text, 'packages/x/package.json')), [
      '@babel/types runtime dependencies @3:22-34',
      '@babel/core dev devDependencies @5:6-17',
      'nested dev devDependencies @6:6-12',
      '@babel/core peer peerDependencies @9:6-17',
      'fsevents optional optionalDependencies @11:30-38',
    ]);
    assert.equal(entries(text, 'packages/x/package.json')[0].location?.file, 'packages/x/package.json');
  });

  it('package.json: keys with escapes and a minified file are still located', () => {
    const text = '{"name":"a","devDependencies":{"b\\u0063":"1","d":"2"}}';
    assert.deepEqual(summary(entries(text, 'package.json')), ['bc dev devDependencies @1:33-40', 'd dev devDependencies @1:47-48']);
  });

  it('go.mod: every require is runtime', () => {
    const text = 'module example.com/a\n\nrequire example.com/b v1.0.0\n\nrequire (\n\t"example.com/c" v1.2.0\n\texample.com/d v0.1.0 // indirect\n)\n';
    assert.deepEqual(summary(entries(text, 'a/go.mod')), [
      'example.com/b runtime require @3:9-22',
      'example.com/c runtime require @6:3-16',
      'example.com/d runtime require @7:2-15',
    ]);
  });

  it('Cargo.toml: dev-dependencies and build-dependencies are dev, optional = true is optional, target tables too', () => {
    const text = `[package]
name = "a"

[dependencies]
b = { path = "../b" }
c = { path = "../c", optional = true }
alias = { package = "real", path = "../real" }

[dev-dependencies]
d = "1"

[build-dependencies.e]
path = "../e"

[target.'cfg(unix)'.dev-dependencies]
f = "1"
`;
    assert.deepEqual(summary(entries(text, 'crates/a/Cargo.toml')), [
      'b runtime dependencies @5:1-2',
      'c optional dependencies @6:1-2',
      'real runtime dependencies @7:1-6',
      'd dev dev-dependencies @10:1-2',
      'e dev build-dependencies @12:21-22',
      'f dev dev-dependencies @16:1-2',
    ]);
  });

  it('pyproject.toml: project dependencies are runtime, extras optional, dependency groups dev', () => {
    const text = `[project]
name = "a"
dependencies = ["b>=1", 'c[extra] ; python_version >= "3.9"']

[project.optional-dependencies]
socks = ["d"]

[dependency-groups]
test = ["pytest", "e"]
`;
    assert.deepEqual(summary(entries(text, 'libs/a/pyproject.toml')), [
      'b runtime dependencies @3:18-22',
      'c runtime dependencies @3:26-60',
      'd optional optional-dependencies.socks @6:11-12',
      'pytest dev dependency-groups.test @9:10-16',
      'e dev dependency-groups.test @9:20-21',
    ]);
  });

  it('pyproject.toml (Poetry): main dependencies runtime, dev-dependencies and groups dev, optional = true optional', () => {
    const text = `[tool.poetry]
name = "a"

[tool.poetry.dependencies]
python = "^3.11"
b = "^1"
c = { version = "^2", optional = true }

[tool.poetry.dev-dependencies]
d = "*"

[tool.poetry.group.test.dependencies]
e = "*"

[tool.poetry.group.main.dependencies]
f = "*"
`;
    assert.deepEqual(summary(entries(text, 'pyproject.toml')), [
      'b runtime tool.poetry.dependencies @6:1-2',
      'c optional tool.poetry.dependencies @7:1-2',
      'd dev tool.poetry.dev-dependencies @10:1-2',
      'e dev tool.poetry.group.test.dependencies @13:1-2',
      'f runtime tool.poetry.group.main.dependencies @16:1-2',
    ]);
  });

  it('pom.xml: compile and runtime scopes are runtime, test dev, provided and system peer, <optional> optional', () => {
    const text = `<project>
  <parent><groupId>g</groupId><artifactId>b</artifactId></parent>
  <artifactId>a</artifactId>
  <dependencyManagement><dependencies>
    <dependency><groupId>g</groupId><artifactId>managed</artifactId><version>1</version></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>g</groupId><artifactId>b</artifactId></dependency>
    <dependency><groupId>g</groupId><artifactId>c</artifactId><scope>runtime</scope></dependency>
    <dependency><groupId>g</groupId><artifactId>d</artifactId><scope>test</scope></dependency>
    <dependency><groupId>g</groupId><artifactId>e</artifactId><scope>provided</scope></dependency>
    <dependency><groupId>g</groupId><artifactId>f</artifactId><optional>true</optional></dependency>
  </dependencies>
  <build><plugins><plugin><artifactId>p</artifactId><dependencies>
    <dependency><groupId>g</groupId><artifactId>b</artifactId></dependency>
  </dependencies></plugin></plugins></build>
</project>
`;
    assert.deepEqual(summary(entries(text, 'a/pom.xml')), [
      'g:b runtime dependencies @8:49-50',
      'g:c runtime dependencies (scope runtime) @9:49-50',
      'g:d dev dependencies (scope test) @10:49-50',
      'g:e peer dependencies (scope provided) @11:49-50',
      'g:f optional dependencies (optional) @12:49-50',
    ]);
  });

  it('build.gradle: test, debug and annotation-processor configurations are dev, compileOnly peer, the rest runtime', () => {
    const text = `dependencies {
    implementation project(':core')
    implementation "g:b:1.0"
    api("g:c:1.0")
    testImplementation 'g:d:1.0'
    compileOnly 'g:e:1.0'
    kapt "g:f:1.0"
    debugImplementation libs.leakcanary
    runtimeOnly group: 'g', name: 'h', version: '1'
}
`;
    assert.deepEqual(summary(entries(text, 'app/build.gradle')), [
      'g:b runtime implementation @3:21-24',
      'g:c runtime api @4:10-13',
      'g:d dev testImplementation @5:25-28',
      'g:e peer compileOnly @6:18-21',
      'g:f dev kapt @7:11-14',
      'libs.leakcanary dev debugImplementation @8:25-40',
      'g:h runtime runtimeOnly @-',
    ]);
  });

  it('*.csproj: a PackageReference is runtime, with PrivateAssets="all" (attribute or element) dev', () => {
    const text = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Serilog" Version="3.0.0" />
    <PackageReference Include="StyleCop.Analyzers" Version="1.1" PrivateAssets="all" />
    <PackageReference Include="Nerdbank.GitVersioning" Version="3.6">
      <PrivateAssets>All</PrivateAssets>
    </PackageReference>
  </ItemGroup>
</Project>
`;
    assert.deepEqual(summary(entries(text, 'src/Api/Api.csproj')), [
      'Serilog runtime PackageReference @3:32-39',
      'StyleCop.Analyzers dev PackageReference (PrivateAssets all) @4:32-50',
      'Nerdbank.GitVersioning dev PackageReference (PrivateAssets all) @5:32-54',
    ]);
  });
});
