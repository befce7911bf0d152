/**
 * The summary page's "Experiments" and "Roadmap" sections (DESIGN.md 1.8). The page's own DOM
 * helpers are handed in, so that every value still goes in as text. The roadmap is a timeline:
 * per priority, each initiative a marker placed by its due date on one axis shared by all
 * priorities, with today's line; undated initiatives are listed after it.
 */
import type { SummaryExperiment, SummaryInitiative, SummaryRoadmap } from '../core/report/types';
import type { SummaryPageData } from '../protocol/summary';

type Child = Node | string | null | undefined | false;

export interface SummaryKit {
  el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props?: { className?: string; text?: string; title?: string; attrs?: Record<string, string> },
    children?: readonly Child[],
  ): HTMLElementTagNameMap[K];
  section(id: string, title: string, children: readonly Child[]): HTMLElement;
  /** A module name that opens its definition. */
  moduleButton(name: string): HTMLElement;
}

const STATE_LABEL: Record<SummaryExperiment['state'], string> = { overdue: 'Overdue', running: 'Running', decided: 'Decided' };

export function renderExperiments(data: SummaryPageData, kit: SummaryKit): HTMLElement | null {
  const experiments = data.summary.experiments;
  if (experiments.length === 0) return null;
  const { el } = kit;
  const row = (e: SummaryExperiment): HTMLElement => {
    const criterion = e.metric === null && e.target === null ? 'none' : `${e.metric ?? '–'} → ${e.target ?? '–'}${e.by ? ` by ${e.by}` : ''}`;
    return el('tr', { className: `experiment state-${e.state}`, attrs: { 'data-module': e.module, 'data-state': e.state } }, [
      el('td', {}, [kit.moduleButton(e.module)]),
      el('td', {}, [el('span', { className: `badge state-${e.state}`, text: STATE_LABEL[e.state] })]),
      el('td', { className: 'hypothesis', text: e.hypothesis ?? '–' }),
      el('td', { className: 'criterion', text: criterion }),
      el('td', { className: 'decide-by', text: e.decideBy ?? '–' }),
      el('td', { className: 'decision', text: e.decision ?? '–' }),
    ]);
  };
  const counts = (['running', 'overdue', 'decided'] as const).map((state) => `${experiments.filter((e) => e.state === state).length} ${state}`).join(' · ');
  return kit.section('experiments', 'Experiments', [
    el('p', { className: 'experiment-counts', text: counts }),
    el('table', { className: 'experiments' }, [
      el('thead', {}, [el('tr', {}, ['Module', 'State', 'Hypothesis', 'Success criterion', 'Decide by', 'Decision'].map((h) => el('th', { text: h })))]),
      el('tbody', {}, experiments.map(row)),
    ]),
  ]);
}

/** Days since 1970 of an ISO date, or null. */
function dayNumber(date: string | null): number | null {
  if (date === null) return null;
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(time) ? Math.floor(time / 86_400_000) : null;
}

function initiativeLabel(i: SummaryInitiative): string {
  const parts = [i.title, i.status ?? 'no status', i.due ? `due ${i.due}${i.overdue ? ' (overdue)' : ''}` : 'no due date'];
  if (i.owner) parts.push(i.owner);
  if (i.modules.length > 0) parts.push(i.modules.join(', '));
  return parts.join(' · ');
}

export function renderRoadmap(data: SummaryPageData, kit: SummaryKit, today: string | null): HTMLElement | null {
  const roadmap = data.summary.roadmap;
  if (roadmap.length === 0) return null;
  const { el } = kit;
  const days = roadmap.flatMap((r) => r.initiatives.map((i) => dayNumber(i.due))).filter((d): d is number => d !== null);
  const todayDay = dayNumber(today);
  if (todayDay !== null) days.push(todayDay);
  const first = days.reduce((min, d) => Math.min(min, d), days[0] ?? 0);
  const last = days.reduce((max, d) => Math.max(max, d), days[0] ?? 0);
  // Margins so that markers at either end stay inside the track.
  const span = Math.max(last - first, 1);
  const place = (day: number): string => `${(4 + ((day - first) / span) * 92).toFixed(2)}%`;

  const lane = (r: SummaryRoadmap): HTMLElement => {
    const track = el('div', { className: 'timeline-track', attrs: { role: 'list', 'aria-label': `Initiatives of ${r.title}` } });
    if (todayDay !== null) {
      const line = el('div', { className: 'timeline-today', title: `Today: ${today ?? ''}`, attrs: { 'aria-hidden': 'true' } });
      line.style.left = place(todayDay);
      track.append(line);
    }
    const undated: SummaryInitiative[] = [];
    let placed = 0;
    for (const i of r.initiatives) {
      const day = dayNumber(i.due);
      if (day === null) {
        undated.push(i);
        continue;
      }
      // Labels alternate between two rows, and those in the right half end at their marker, so that neighbours do not overlap.
      const layout = `${placed++ % 2 === 1 ? ' upper' : ''}${(day - first) / span > 0.5 ? ' end' : ''}`;
      const marker = el('div', {
        className: `timeline-marker status-${i.status ?? 'none'}${i.overdue ? ' overdue' : ''}${layout}`,
        title: initiativeLabel(i),
        attrs: { role: 'listitem', 'data-initiative': i.id, 'aria-label': initiativeLabel(i) },
      }, [el('span', { className: 'marker-dot', attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'marker-label', text: i.title })]);
      marker.style.left = place(day);
      track.append(marker);
    }
    const details = el('ul', { className: 'initiatives' }, r.initiatives.map((i) =>
      el('li', { className: `initiative status-${i.status ?? 'none'}${i.overdue ? ' overdue' : ''}`, attrs: { 'data-initiative': i.id } }, [
        el('span', { className: 'initiative-due', text: i.due ?? 'no due date' }),
        ' ',
        el('span', { className: 'initiative-title', text: i.title }),
        ' ',
        el('span', { className: `badge status-${i.status ?? 'none'}`, text: i.overdue ? `${i.status ?? 'no status'}, overdue` : (i.status ?? 'no status') }),
        i.owner ? el('span', { className: 'initiative-owner', text: ` · ${i.owner}` }) : null,
        ...(i.modules.length > 0 ? [' · ', ...i.modules.flatMap((m, index) => (index === 0 ? [kit.moduleButton(m)] : [', ', kit.moduleButton(m)]))] : []),
      ]),
    ));
    return el('article', { className: 'roadmap-priority', attrs: { 'data-priority': r.priority } }, [
      el('h3', { text: r.title }),
      track,
      undated.length > 0 ? el('p', { className: 'empty', text: `${undated.length} without a due date` }) : null,
      details,
    ]);
  };
  const axis = el('p', { className: 'timeline-axis' }, [
    el('span', { text: days.length > 0 ? new Date(first * 86_400_000).toISOString().slice(0, 10) : '' }),
    el('span', { text: days.length > 0 ? new Date(last * 86_400_000).toISOString().slice(0, 10) : '' }),
  ]);
  return kit.section('roadmap', 'Roadmap', [axis, ...roadmap.map(lane)]);
}
