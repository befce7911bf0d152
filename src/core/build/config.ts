/**
 * The configuration in force: the defaults, then `.northstar.yaml`, then the caller's overrides.
 */
import type { NorthstarConfig } from '../model/types';

export function mergeConfig(base: NorthstarConfig, ...overrides: Array<Partial<NorthstarConfig> | undefined>): NorthstarConfig {
  let config = base;
  for (const o of overrides) {
    if (!o) continue;
    config = {
      ...config,
      ...o,
      rules: { ...config.rules, ...(o.rules ?? {}) },
      ignore: [...config.ignore, ...(o.ignore ?? [])],
      modules: { ...config.modules, ...(o.modules ?? {}) },
      tests: { ...config.tests, ...(o.tests ?? {}) },
      observability: { ...config.observability, ...(o.observability ?? {}) },
      staleness: { ...config.staleness, ...(o.staleness ?? {}) },
      codeowners: { ...config.codeowners, ...(o.codeowners ?? {}) },
      walk: { ...config.walk, ...(o.walk ?? {}) },
      samples: { ...config.samples, ...(o.samples ?? {}) },
      ownership: { ...config.ownership, ...(o.ownership ?? {}) },
      learning: { ...config.learning, ...(o.learning ?? {}) },
      history: { ...config.history, ...(o.history ?? {}) },
    };
  }
  return config;
}
