/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script */
// Preloaded (node -r) into a measured process: on exit, write its resource usage as JSON to
// $NORTHSTAR_BENCH_USAGE (peak RSS in bytes, CPU in ms), so the parent sees the child's own figures.
const { writeFileSync } = require('node:fs');
const target = process.env.NORTHSTAR_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssBytes: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
