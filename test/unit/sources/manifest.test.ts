import * as assert from 'node:assert/strict';
import { isManifestFile, parseManifest } from '../../../src/core/sources/manifest';
import type { ManifestDecl } from '../../../src/core/sources/types';
import { problemLines, span, spanOf } from './helpers';

function read(text: string, file: string): ManifestDecl {
  const { value, problems } = parseManifest(text, file);
  assert.deepEqual(problems, [], `no problem expected in ${file}`);
  assert.ok(value);
  return value;
}

describe('isManifestFile', () => {
  it('knows every manifest of DESIGN.md 2 (and settings.gradle, read for aggregation) and nothing else', () => {
    const manifests = ['package.json', 'go.mod', 'go.work', 'Cargo.toml', 'pyproject.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'];
    for (const name of [...manifests, 'Payments.Api.csproj']) {
      assert.equal(isManifestFile(name), true, name);
    }
    for (const name of ['pnpm-workspace.yaml', 'package-lock.json', 'Cargo.lock', 'go.sum', '.csproj', 'tsconfig.json', 'Package.json']) {
      assert.equal(isManifestFile(name), false, name);
    }
  });
});

describe('parseManifest: package.json', () => {
  it('reads the name (with its position) and every dependency scope', () => {
    const text = `{
  "author": { "name": "Acme Payments Team" },
  "name": "@acme/payments-api",
  "version": "2.3.0",
  "dependencies": { "express": "^4.19.2", "@opentelemetry/api": "^1.9.0", "pino": "^9.0.0" },
  "devDependencies": { "mocha": "^10.0.0" },
  "peerDependencies": { "react": ">=18" },
  "optionalDependencies": { "fsevents": "^2.3.3" }
}
`;
    const value = read(text, 'services/payments/package.json');
    assert.equal(value.kind, 'npm');
    assert.equal(value.folder, 'services/payments');
    assert.equal(value.name, '@acme/payments-api');
    assert.equal(span(value.location), spanOf(text, '@acme/payments-api'), 'the top-level name, not the author\'s');
    assert.equal(value.workspaceOnly, false);
    assert.deepEqual(value.dependencies, ['@opentelemetry/api', 'express', 'fsevents', 'mocha', 'pino', 'react']);
  });

  it('reads settings.gradle(.kts): never a module; includesProjects when it includes projects', () => {
    const root = read('rootProject.name = "okhttp-parent"\ninclude(":okhttp")\ninclude(":mockwebserver")\n', 'settings.gradle.kts');
    assert.equal(root.workspaceOnly, true);
    assert.equal(root.includesProjects, true);
    assert.equal(read("include ':app', ':lib'\n", 'settings.gradle').includesProjects, true);
    const composite = read('pluginManagement {\n  includeBuild("build-logic")\n}\n// include(":old")\nrootProject.name = "x"\n', 'settings.gradle.kts');
    assert.equal(composite.workspaceOnly, true);
    assert.equal(composite.includesProjects, undefined);
  });

  it('marks a package.json with no name and no dependencies as no package (subpath-export stub, type marker)', () => {
    assert.equal(read('{ "main": "../dist/auth/index.cjs", "types": "../dist/auth/index.d.cts" }', 'packages/x/auth/package.json').notAPackage, true);
    assert.equal(read('{ "type": "module" }', 'packages/babel-runtime/helpers/esm/package.json').notAPackage, true);
    assert.equal(read('{ "name": "@acme/a" }', 'packages/a/package.json').notAPackage, undefined);
    assert.equal(read('{ "private": true, "dependencies": { "react": "^18" } }', 'app/package.json').notAPackage, undefined);
    assert.equal(read('{ "private": true, "workspaces": ["packages/*"] }', 'package.json').notAPackage, undefined);
  });

  it('marks a root package.json declaring workspaces (array or yarn object form) as workspace-only', () => {
    const npm = read('{ "name": "acme", "private": true, "workspaces": ["packages/*", "services/*"] }', 'package.json');
    assert.equal(npm.workspaceOnly, true);
    const yarn = read('{ "private": true, "workspaces": { "packages": ["apps/*"], "nohoist": ["**/react-native"] } }', 'package.json');
    assert.equal(yarn.workspaceOnly, true);
    assert.equal(yarn.name, null);
    assert.equal(span(yarn.location), '1:1-1:94', 'no name: line 1');
  });

  it('reports invalid JSON as skipped and still yields the manifest', () => {
    const { value, problems } = parseManifest('{\n  "name": "broken",\n}\n', 'web/package.json');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'workspace/skipped');
    assert.match(problems[0].message, /^web\/package\.json was not fully read: it is not valid JSON/);
    assert.deepEqual(value && { name: value.name, dependencies: value.dependencies, workspaceOnly: value.workspaceOnly }, {
      name: null,
      dependencies: [],
      workspaceOnly: false,
    });
  });

  it('ignores dependency fields of the wrong type', () => {
    const value = read('{ "name": 42, "dependencies": ["express"], "devDependencies": null }', 'package.json');
    assert.equal(value.name, null);
    assert.deepEqual(value.dependencies, []);
  });
});

describe('parseManifest: Go', () => {
  it('reads go.mod: module path and single and block requires', () => {
    const text = `// Payments service
module github.com/acme/payments

go 1.22

require github.com/google/uuid v1.6.0

require (
	go.opentelemetry.io/otel v1.28.0
	github.com/prometheus/client_golang v1.19.1 // indirect
	"go.uber.org/zap" v1.27.0
)

replace github.com/acme/ledger => ../ledger
`;
    const value = read(text, 'services/payments/go.mod');
    assert.equal(value.kind, 'go');
    assert.equal(value.name, 'github.com/acme/payments');
    assert.equal(span(value.location), '2:8-2:32');
    assert.equal(value.workspaceOnly, false);
    assert.deepEqual(value.dependencies, ['github.com/google/uuid', 'github.com/prometheus/client_golang', 'go.opentelemetry.io/otel', 'go.uber.org/zap']);
  });

  it('treats go.work as workspace-only, always', () => {
    const value = read('go 1.22\n\nuse (\n\t./services/payments\n\t./services/ledger\n)\n', 'go.work');
    assert.deepEqual(
      { kind: value.kind, name: value.name, workspaceOnly: value.workspaceOnly, dependencies: value.dependencies },
      { kind: 'go', name: null, workspaceOnly: true, dependencies: [] },
    );
  });
});

describe('parseManifest: Cargo.toml', () => {
  it('reads [package].name and dependencies of every table, renamed ones by their real name', () => {
    const text = `[package]
name = "ledger"
version = "0.4.0"
edition = "2021"

[dependencies]
tokio = { version = "1", features = ["full"] }
tracing = "0.1"
otel = { package = "opentelemetry", version = "0.23" }

[dev-dependencies]
proptest = "1"

[target.'cfg(unix)'.dependencies]
nix = "0.29"
`;
    const value = read(text, 'crates/ledger/Cargo.toml');
    assert.equal(value.kind, 'cargo');
    assert.equal(value.name, 'ledger');
    assert.equal(span(value.location), '2:9-2:15');
    assert.equal(value.workspaceOnly, false);
    assert.deepEqual(value.dependencies, ['nix', 'opentelemetry', 'proptest', 'tokio', 'tracing']);
  });

  it('marks [workspace] without [package] as workspace-only, but not a root package that is also a workspace', () => {
    const virtual = read('[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n\n[workspace.dependencies]\nserde = "1"\n', 'Cargo.toml');
    assert.equal(virtual.workspaceOnly, true);
    assert.equal(virtual.name, null);
    const rooted = read('[workspace]\nmembers = ["crates/*"]\n\n[package]\nname = "acme-cli"\nversion = "1.0.0"\n', 'Cargo.toml');
    assert.equal(rooted.workspaceOnly, false);
    assert.equal(rooted.name, 'acme-cli');
    assert.equal(span(rooted.location), '5:9-5:17');
  });

  it('reports invalid TOML at its line', () => {
    const { value, problems } = parseManifest('[package]\nname = "x\n', 'Cargo.toml');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'workspace/skipped');
    assert.equal(problems[0].location.line, 2);
    assert.equal(value?.name, null);
  });
});

describe('parseManifest: pyproject.toml', () => {
  it('reads a PEP 621 project with normalised dependency names', () => {
    const text = `[build-system]
requires = ["hatchling"]

[project]
name = "fraud-scoring"
version = "1.2.0"
dependencies = [
  "fastapi>=0.110",
  "prometheus_client==0.20.*",
  "opentelemetry-sdk[otlp] ; python_version >= '3.10'",
]

[project.optional-dependencies]
dev = ["pytest>=8", "Structlog"]

[dependency-groups]
lint = ["ruff"]
`;
    const value = read(text, 'services/fraud/pyproject.toml');
    assert.equal(value.kind, 'python');
    assert.equal(value.name, 'fraud-scoring');
    assert.equal(span(value.location), '5:9-5:22');
    assert.deepEqual(value.dependencies, ['fastapi', 'opentelemetry-sdk', 'prometheus-client', 'pytest', 'ruff', 'structlog']);
  });

  it('reads a Poetry project, python itself excluded', () => {
    const text = `[tool.poetry]
name = "risk-engine"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.11"
sentry-sdk = "^2.0"

[tool.poetry.group.test.dependencies]
pytest = "^8"
`;
    const value = read(text, 'services/risk/pyproject.toml');
    assert.equal(value.name, 'risk-engine');
    assert.equal(span(value.location), '2:9-2:20');
    assert.deepEqual(value.dependencies, ['pytest', 'sentry-sdk']);
  });

  it('marks a uv workspace root without [project] as workspace-only; a tools-only file is still a module', () => {
    assert.equal(read('[tool.uv.workspace]\nmembers = ["packages/*"]\n', 'pyproject.toml').workspaceOnly, true);
    const tools = read('[tool.black]\nline-length = 100\n', 'scripts/pyproject.toml');
    assert.equal(tools.workspaceOnly, false);
    assert.equal(tools.name, null);
  });
});

describe('parseManifest: pom.xml', () => {
  const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>com.acme</groupId>
    <artifactId>acme-parent</artifactId>
    <version>3.1.0</version>
  </parent>
  <!-- <artifactId>commented-out</artifactId> -->
  <artifactId>ledger-service</artifactId>
  <dependencies>
    <dependency>
      <groupId>io.micrometer</groupId>
      <artifactId>micrometer-registry-prometheus</artifactId>
    </dependency>
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-web</artifactId>
    </dependency>
  </dependencies>
</project>
`;

  it('reads the project\'s artifactId (not the parent\'s) and dependencies as group:artifact', () => {
    const value = read(POM, 'services/ledger/pom.xml');
    assert.equal(value.kind, 'maven');
    assert.equal(value.name, 'ledger-service');
    assert.equal(span(value.location), '10:15-10:29');
    assert.equal(value.workspaceOnly, false);
    assert.deepEqual(value.dependencies, ['io.micrometer:micrometer-registry-prometheus', 'org.springframework.boot:spring-boot-starter-web']);
  });

  it('marks a pom-packaged parent with modules as workspace-only', () => {
    const text = `<project>
  <groupId>com.acme</groupId>
  <artifactId>acme-parent</artifactId>
  <packaging>pom</packaging>
  <modules>
    <module>services/ledger</module>
    <module>services/payments</module>
  </modules>
</project>
`;
    const value = read(text, 'pom.xml');
    assert.equal(value.workspaceOnly, true);
    assert.equal(value.name, 'acme-parent');
    // A pom-packaged BOM without modules is a module of its own.
    assert.equal(read('<project><artifactId>acme-bom</artifactId><packaging>pom</packaging></project>', 'bom/pom.xml').workspaceOnly, false);
  });

  it('reports XML that is not well-formed at its line', () => {
    const { problems } = parseManifest('<project>\n  <artifactId>x</artifact>\n</project>\n', 'pom.xml');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'workspace/skipped');
    assert.equal(problems[0].location.line, 2);
  });

  it('does not expand entities', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<project><artifactId>&b;</artifactId></project>
`;
    const { value } = parseManifest(text, 'pom.xml');
    assert.equal(value?.name, '&b;');
  });
});

describe('parseManifest: Gradle', () => {
  it('reads dependencies by a line scan of the usual notations; the name is left to the folder', () => {
    const text = `plugins {
    id 'org.springframework.boot' version '3.3.0'
}

dependencies {
    implementation 'org.springframework.boot:spring-boot-starter-web'
    implementation("io.micrometer:micrometer-registry-prometheus:1.13.0")
    api platform("io.opentelemetry:opentelemetry-bom:1.40.0")
    runtimeOnly group: 'net.logstash.logback', name: 'logstash-logback-encoder', version: '7.4'
    implementation(libs.sentry.spring)
    implementation project(':ledger-client')
    // implementation 'com.example:commented-out:1.0'
    /* testImplementation 'com.example:also-commented:1.0' */
    testImplementation "org.junit.jupiter:junit-jupiter:5.10.2"
}
`;
    for (const file of ['services/orders/build.gradle', 'services/orders/build.gradle.kts']) {
      const value = read(text, file);
      assert.equal(value.kind, 'gradle');
      assert.equal(value.name, null);
      assert.equal(value.workspaceOnly, false);
      assert.deepEqual(value.dependencies, [
        'io.micrometer:micrometer-registry-prometheus',
        'io.opentelemetry:opentelemetry-bom',
        'libs.sentry.spring',
        'net.logstash.logback:logstash-logback-encoder',
        'org.junit.jupiter:junit-jupiter',
        'org.springframework.boot:spring-boot-starter-web',
      ]);
    }
  });
});

describe('parseManifest: *.csproj', () => {
  it('names the project after the file and reads PackageReference includes', () => {
    const text = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.9.0" />
    <PackageReference Include="Serilog.AspNetCore" Version="8.0.1" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="..\\Ledger.Client\\Ledger.Client.csproj" />
    <PackageReference Include="xunit" Version="2.8.0" />
  </ItemGroup>
</Project>
`;
    const value = read(text, 'src/Payments.Api/Payments.Api.csproj');
    assert.equal(value.kind, 'dotnet');
    assert.equal(value.name, 'Payments.Api');
    assert.equal(value.folder, 'src/Payments.Api');
    assert.deepEqual(value.dependencies, ['OpenTelemetry.Extensions.Hosting', 'Serilog.AspNetCore', 'xunit']);
  });
});

describe('parseManifest: anything else', () => {
  it('returns nothing for a file that is not a manifest', () => {
    assert.deepEqual(parseManifest('packages:\n  - "apps/*"\n', 'pnpm-workspace.yaml'), { value: null, problems: [] });
  });

  it('never throws on garbage', () => {
    const garbage = '\u0000\u0001{[<"\'=]}>\n'.repeat(50);
    for (const file of ['package.json', 'go.mod', 'go.work', 'Cargo.toml', 'pyproject.toml', 'pom.xml', 'build.gradle', 'x.csproj']) {
      const { value, problems } = parseManifest(garbage, file);
      assert.ok(value, file);
      assert.ok(problemLines(problems).every((line) => line.startsWith('workspace/skipped')), file);
    }
  });
});
