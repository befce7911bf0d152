/**
 * The readers of Ruby, Python (setup.py, setup.cfg, Pipfile, requirements*.txt), PHP, Swift, Dart
 * and Elixir manifests: the name at its exact place, the dependencies, what makes no module, and
 * the observability libraries of each ecosystem. Fixtures are cut from real repositories' files.
 */
import * as assert from 'node:assert/strict';
import { isManifestFile, parseManifest } from '../../../src/core/sources/manifest';
import type { ManifestDecl } from '../../../src/core/sources/types';
import { evidenceFromDependencies } from '../../../src/core/observability';
import { isMetaGem, isModuleDependencyList, isTestOnlyProject, isTestSegment } from '../../../src/core/build/moduleKinds';
import { TEST_CONVENTIONS } from '../../../src/core/build/assign';
import { compileGlobs } from '../../../src/core/glob';
import { span, spanOf } from './helpers';

function read(text: string, file: string): ManifestDecl {
  const { value, problems } = parseManifest(text, file);
  assert.deepEqual(problems, [], `no problem expected in ${file}`);
  assert.ok(value);
  return value;
}

const signals = (deps: readonly string[]) => evidenceFromDependencies(deps).map((e) => `${e.signal}:${e.detail}`);

describe('isManifestFile: the newer ecosystems', () => {
  it('knows gemspecs, Gemfiles, setup.py/cfg, Pipfile, requirements*.txt, composer.json, Package.swift, pubspec.yaml, mix.exs', () => {
    for (const name of ['rails.gemspec', 'Gemfile', 'setup.py', 'setup.cfg', 'Pipfile', 'requirements.txt', 'requirements-dev.txt', 'requirements.latest.txt', 'composer.json', 'Package.swift', 'pubspec.yaml', 'mix.exs']) {
      assert.equal(isManifestFile(name), true, name);
    }
    for (const name of ['.gemspec', 'Gemfile.lock', 'Pipfile.lock', 'composer.lock', 'pubspec.lock', 'mix.lock', 'constraints.txt']) {
      assert.equal(isManifestFile(name), false, name);
    }
  });
});

describe('parseManifest: Ruby', () => {
  const gemspec = `# frozen_string_literal: true

version = File.read(File.expand_path("../RAILS_VERSION", __dir__)).strip

Gem::Specification.new do |s|
  s.platform    = Gem::Platform::RUBY
  s.name        = "actionpack"
  s.version     = version
  s.summary     = "Web-flow and rendering framework putting the VC in MVC (part of Rails)."

  # s.add_dependency "commented-out"
  s.add_dependency "activesupport", version
  s.add_dependency("rack", ">= 2.2.4")
  s.add_runtime_dependency 'opentelemetry-sdk'
  s.add_development_dependency "activemodel", version
end
`;
  it('reads a gemspec: the name at its place, runtime and development dependencies', () => {
    const m = read(gemspec, 'actionpack/actionpack.gemspec');
    assert.equal(m.kind, 'ruby');
    assert.equal(m.name, 'actionpack');
    assert.equal(span(m.location), spanOf(gemspec, 'actionpack', 0));
    assert.deepEqual(m.dependencies, ['activemodel', 'activesupport', 'opentelemetry-sdk', 'rack']);
    assert.equal(m.dependencyList, undefined);
  });

  it('reads any block variable (`spec.name = ...`) and skips a computed name', () => {
    assert.equal(read(`Gem::Specification.new do |spec|\n  spec.name = 'fluent-plugin-grafana-loki'\nend\n`, 'x.gemspec').name, 'fluent-plugin-grafana-loki');
    assert.equal(read(`Gem::Specification.new do |s|\n  s.name = "#{prefix}-x"\nend\n`, 'x.gemspec').name, null);
  });

  it('reads a Gemfile as a dependency list: gems in and out of development groups, nested blocks closed by end', () => {
    const text = `source "https://rubygems.org"
gemspec

gem "rails", "~> 8.0"
gem "lograge"
gem 'sentry-ruby', require: false
platforms :jruby do
  gem "jdbc"
end
group :development, :test do
  gem "rspec-rails"
  if ENV["CI"]
    gem "simplecov"
  end
end
gem "rubocop", group: :development
`;
    const m = read(text, 'Gemfile');
    assert.equal(m.name, null);
    assert.equal(m.dependencyList, true);
    assert.deepEqual(m.dependencies, ['jdbc', 'lograge', 'rails', 'rspec-rails', 'rubocop', 'sentry-ruby', 'simplecov']);
    assert.deepEqual(signals(m.dependencies), ['logs:lograge', 'errors:sentry-ruby']);
  });
});

describe('parseManifest: Python beyond pyproject.toml', () => {
  it('reads setup.py: the name keyword of setup(), install_requires and, apart, extras', () => {
    const text = `from setuptools import setup, find_packages

setup(
    name="dynamic-plugins",  # the package
    version="0.1",
    packages=find_packages(),
    install_requires=["PyYAML>=6", 'prometheus-client==0.20', "structlog"],
    extras_require={"test": ["pytest"]},
)
`;
    const m = read(text, 'python/setup.py');
    assert.equal(m.kind, 'python');
    assert.equal(m.name, 'dynamic-plugins');
    assert.equal(span(m.location), spanOf(text, 'dynamic-plugins'));
    assert.deepEqual(m.dependencies, ['prometheus-client', 'pytest', 'pyyaml', 'structlog']);
    assert.deepEqual(signals(m.dependencies), ['metrics:prometheus-client', 'logs:structlog']);
  });

  it('reads setup.cfg: [metadata] name and continued install_requires lines', () => {
    const text = `[metadata]
name = acme-billing
version = 1.0

[options]
install_requires =
    requests>=2
    opentelemetry-api ; python_version >= "3.8"
tests_require = pytest
`;
    const m = read(text, 'setup.cfg');
    assert.equal(m.name, 'acme-billing');
    assert.equal(span(m.location), spanOf(text, 'acme-billing'));
    assert.deepEqual(m.dependencies, ['opentelemetry-api', 'pytest', 'requests']);
  });

  it('reads requirements*.txt and Pipfile as dependency lists naming no package', () => {
    const text = `# pinned
-r base.txt
-e .
openai~=1.57.3
opentelemetry-sdk~=1.29.0  # sdk
git+https://github.com/acme/lib.git#egg=lib
Flask[async]==3.0
`;
    const m = read(text, 'examples/manual/requirements.txt');
    assert.equal(m.name, null);
    assert.equal(m.dependencyList, true);
    assert.deepEqual(m.dependencies, ['flask', 'openai', 'opentelemetry-sdk']);
    const pipfile = read(`[packages]\nDjango = "*"\nsentry-sdk = "*"\n\n[dev-packages]\npytest = "*"\n`, 'Pipfile');
    assert.equal(pipfile.dependencyList, true);
    assert.deepEqual(pipfile.dependencies, ['django', 'pytest', 'sentry-sdk']);
  });
});

describe('parseManifest: PHP, Swift, Dart, Elixir', () => {
  it('reads composer.json: vendor/name at its place, require and require-dev without platform packages', () => {
    const text = `{
    "name": "acme/invoices",
    "type": "project",
    "require": { "php": "^8.2", "ext-json": "*", "laravel/framework": "^11.0", "monolog/monolog": "^3", "open-telemetry/sdk": "^1" },
    "require-dev": { "phpunit/phpunit": "^11" }
}
`;
    const m = read(text, 'composer.json');
    assert.equal(m.kind, 'php');
    assert.equal(m.name, 'acme/invoices');
    assert.equal(span(m.location), spanOf(text, 'acme/invoices'));
    assert.deepEqual(m.dependencies, ['laravel/framework', 'monolog/monolog', 'open-telemetry/sdk', 'phpunit/phpunit']);
    assert.deepEqual(signals(m.dependencies), ['logs:monolog/monolog', 'traces:open-telemetry/sdk']);
  });

  it('reads Package.swift: the Package name, and dependencies by URL, path or name', () => {
    const text = `// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "Vapor", // the web framework
    platforms: [.macOS(.v10_15)],
    products: [.library(name: "XCTVapor", targets: ["XCTVapor"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(path: "../Shared/"),
        .package(name: "Kitura", url: "https://github.com/Kitura/Kitura.git", from: "2.9.0"),
    ],
    targets: [.target(name: "Vapor", dependencies: [.product(name: "Logging", package: "swift-log")])]
)
`;
    const m = read(text, 'Package.swift');
    assert.equal(m.kind, 'swift');
    assert.equal(m.name, 'Vapor');
    assert.equal(span(m.location), spanOf(text, 'Vapor'));
    assert.deepEqual(m.dependencies, ['Kitura', 'Shared', 'swift-log', 'swift-prometheus']);
    assert.deepEqual(signals(m.dependencies), ['logs:swift-log', 'metrics:swift-prometheus']);
  });

  it('reads pubspec.yaml with the yaml library; a pub workspace root aggregates', () => {
    const text = `name: 'shop_app'
description: A Flutter shop.
environment:
  sdk: ^3.4.0
dependencies:
  flutter:
    sdk: flutter
  sentry_flutter: ^8.0.0
  http: ^1.2.0
dev_dependencies:
  flutter_test:
    sdk: flutter
  mocktail: ^1.0.0
`;
    const m = read(text, 'app/pubspec.yaml');
    assert.equal(m.kind, 'dart');
    assert.equal(m.name, 'shop_app');
    assert.equal(span(m.location), spanOf(text, 'shop_app'));
    assert.deepEqual(m.dependencies, ['http', 'mocktail', 'sentry_flutter']);
    assert.deepEqual(signals(m.dependencies), ['errors:sentry_flutter']);
    assert.equal(read(`name: _\nworkspace:\n  - pkgs/a\n  - pkgs/b\n`, 'pubspec.yaml').workspaceOnly, true);
    assert.equal(m.workspaceOnly, false);
  });

  it('reports a broken pubspec.yaml and still yields the manifest', () => {
    const { value, problems } = parseManifest('name: [unclosed\n', 'pubspec.yaml');
    assert.ok(value);
    assert.equal(problems.length, 1);
  });

  it('reads mix.exs: the app atom at its place, deps tuples (test-only apart); an umbrella aggregates', () => {
    const text = `defmodule Plausible.MixProject do
  use Mix.Project

  def project do
    [
      app: :plausible,
      version: "0.0.1",
      deps: deps()
    ]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.0"},
      {:opentelemetry, "~> 1.3"},
      {:ex_machina, "~> 2.3", only: [:dev, :test]},
      {:credo, "~> 1.5", only: [:dev, :test], runtime: false}
    ]
  end
end
`;
    const m = read(text, 'mix.exs');
    assert.equal(m.kind, 'elixir');
    assert.equal(m.name, 'plausible');
    assert.equal(span(m.location), spanOf(text, 'plausible'));
    assert.deepEqual(m.dependencies, ['credo', 'ex_machina', 'opentelemetry', 'phoenix']);
    assert.deepEqual(signals(m.dependencies), ['traces:opentelemetry']);
    assert.equal(read(`defmodule Umbrella.MixProject do\n  def project do\n    [apps_path: "apps", deps: []]\n  end\nend\n`, 'mix.exs').workspaceOnly, true);
  });
});

describe('parseManifest: .NET test projects and Gradle BOMs', () => {
  it('reads ProjectReference paths (MSBuild backslashes) and a test SDK', () => {
    const text = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="xunit.v3" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="..\\..\\Emby.Naming\\Emby.Naming.csproj" />
  </ItemGroup>
</Project>
`;
    const m = read(text, 'tests/Jellyfin.Naming.Tests/Jellyfin.Naming.Tests.csproj');
    assert.equal(m.testProject, true);
    assert.deepEqual(m.projectReferences, ['Emby.Naming/Emby.Naming.csproj']);
    const library = read(`<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="xunit.analyzers" /></ItemGroup></Project>`, 'A/A.csproj');
    assert.equal(library.testProject, undefined);
  });

  it('marks a Gradle project applying java-platform as a BOM', () => {
    const text = `plugins {\n  id("okhttp.publish-conventions")\n  id("java-platform")\n}\n`;
    assert.equal(read(text, 'okhttp-bom/build.gradle.kts').bom, true);
    assert.equal(read(`plugins {\n  \`java-library\`\n}\n`, 'okhttp/build.gradle.kts').bom, undefined);
  });
});

describe('module kinds of the newer ecosystems', () => {
  it('a meta-gem depends on two or more gems inside its folder and has no lib/', () => {
    const inner = new Set(['actionpack', 'activerecord', 'railties']);
    assert.equal(isMetaGem(['activesupport', 'actionpack', 'activerecord', 'bundler'], inner, false), true);
    assert.equal(isMetaGem(['actionpack', 'activerecord'], inner, true), false);
    assert.equal(isMetaGem(['actionpack', 'rack'], inner, false), false);
  });

  it('a dependency list is a module alone with code, joins a package beside it, and is none beside aggregators, under docs/ or without code', () => {
    assert.equal(isModuleDependencyList({ folder: 'samples/flask', packageManifestsBeside: 0, packageModulesBeside: 0, holdsCode: true }), true);
    assert.equal(isModuleDependencyList({ folder: '', packageManifestsBeside: 2, packageModulesBeside: 0, holdsCode: true }), false);
    assert.equal(isModuleDependencyList({ folder: 'tools/releaser', packageManifestsBeside: 1, packageModulesBeside: 1, holdsCode: true }), true);
    assert.equal(isModuleDependencyList({ folder: 'docs', packageManifestsBeside: 0, packageModulesBeside: 0, holdsCode: true }), false);
    // loki's clients/cmd/fluentd/docker/Gemfile: the gems of a docker-compose set-up, no Ruby beside it.
    assert.equal(isModuleDependencyList({ folder: 'clients/cmd/fluentd/docker', packageManifestsBeside: 0, packageModulesBeside: 0, holdsCode: false }), false);
  });

  it('a JVM project with only test source sets is a test project; test-support libraries are test code', () => {
    assert.equal(isTestOnlyProject(new Set(['test'])), true);
    assert.equal(isTestOnlyProject(new Set(['jvmTest', 'androidHostTest'])), true);
    assert.equal(isTestOnlyProject(new Set(['main', 'test'])), false);
    assert.equal(isTestOnlyProject(new Set()), false);
    assert.equal(isTestSegment('okhttp-testing-support'), true);
    // jellyfin's fuzz/Jellyfin.Api.Fuzz: fuzzing harnesses are test code.
    assert.equal(isTestSegment('fuzz'), true);
    // okhttp's android-test-app runs the library's Android tests.
    assert.equal(isTestSegment('android-test-app'), true);
    assert.equal(isTestSegment('babel-helper-plugin-test-runner'), false);
  });
});

describe('test conventions of every ecosystem', () => {
  const isTest = compileGlobs(TEST_CONVENTIONS);
  it('finds pytest, RSpec, Minitest, Cypress, Playwright, Android, Kotlin multiplatform, Swift and Elixir tests', () => {
    for (const path of [
      'pkg/billing_test.py',
      'conftest.py',
      'spec/models/user_spec.rb',
      'lib/user_spec.rb',
      'cypress/e2e/login.cy.ts',
      'e2e/checkout.ts',
      'web/login.e2e.ts',
      'app/src/androidTest/java/AppTest.kt',
      'okhttp/src/jvmTest/kotlin/CallTest.kt',
      'okhttp/src/androidHostTest/kotlin/X.kt',
      'okhttp/src/commonTest/kotlin/Y.kt',
      'Tests/VaporTests/RouteTests.swift',
      'test/plausible_web/router_test.exs',
    ]) {
      assert.equal(isTest(path), true, path);
    }
    for (const path of ['okhttp/src/jvmMain/kotlin/Call.kt', 'src/main/java/App.java', 'lib/contest.py', 'app/models/user.rb']) {
      assert.equal(isTest(path), false, path);
    }
  });
});
