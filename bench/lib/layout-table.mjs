// The table of bench/layout.mjs (dagre against ELK per view), printed by it and by bench/run.mjs --only layout.
const cell = (row, layout, key) => (row[layout] ? String(row[layout][key]) : '—');

export function layoutTable(result) {
  const [start, end] = result.loadAverage;
  const lines = [
    `Layout, dagre against ELK (bench/layout.mjs): medians of ${result.runs} drawings in the panel's page, load average ${start.toFixed(1)} → ${end.toFixed(1)}; crossings counted in the drawn SVG; page CPU = Chromium's main-thread task time from opening to drawn.`,
    '',
    '| view | nodes | edges | crossings dagre | crossings elk | render ms dagre | render ms elk | open→drawn ms dagre | open→drawn ms elk | page CPU ms dagre | page CPU ms elk | chosen |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of result.rows) {
    if (r.listed) lines.push(`| ${r.view} | ${r.nodes} | ${r.edges} | list | list | — | — | — | — | — | — | list |`);
    else {
      const pair = (key) => `${cell(r, 'dagre', key)} | ${cell(r, 'elk', key)}`;
      lines.push(`| ${r.view} | ${r.nodes} | ${r.edges} | ${pair('crossings')} | ${pair('renderMs')} | ${pair('openMs')} | ${pair('cpuMs')} | ${r.chosen} |`);
    }
  }
  return lines.join('\n');
}
