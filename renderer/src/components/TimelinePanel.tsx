/**
 * Tags written per hour, day or month, stacked by operation (uPlot on a canvas). While a filter
 * is on, the bars are the entries it lets through, over a grey bar of the whole history.
 * Dragging across the chart sets the date filter to the days of the bars it covers. Buckets
 * are in the displayed zone, laid out as UTC seconds (state/timeline.ts), so the axis is drawn
 * in UTC, which labels them unshifted. The legend is the panel's own HTML, never clipped with
 * the canvas; the chart takes the height the panel has left.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useWorkspace } from '../app-context';
import { viewOf } from '../state/stores/workspace-store';
import { useResolvedTheme } from '../hooks/useTheme';
import {
  brushedDays,
  defaultUnit,
  isoDay,
  timelineBuckets,
  type TimelineBuckets,
  type TimelineUnit,
} from '../state/document/timeline';
import { zoneLabel } from '../state/time-zone';

/** Below this the bars are too short to read; the panel then clips the chart's bottom. */
const MIN_CHART_HEIGHT = 60;
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * A theme colour as the canvas needs it. The custom properties hold light-dark() pairs, which
 * only an element's computed colour resolves, so a probe element inside `container` reads it.
 */
function cssColour(container: HTMLElement, name: string, fallback: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name}, ${fallback})`;
  container.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour || fallback;
}

/** Running totals, so each series' bar reaches the top of its segment of the stack. */
function stacked(buckets: TimelineBuckets): number[][] {
  const { get, delete: del, getAndDelete, other } = buckets;
  const getDel = get.map((value, k) => value + del[k]!);
  const withGad = getDel.map((value, k) => value + getAndDelete[k]!);
  const total = withGad.map((value, k) => value + other[k]!);
  return [total, withGad, getDel, get];
}

/** A bucket's start as its label: `2024-03-01 14:00`, `2024-03-01` or `2024-03`. */
function bucketLabel(unit: TimelineUnit, seconds: number): string {
  if (unit === 'hour') return new Date(seconds * 1000).toISOString().slice(0, 13) + ':00';
  return unit === 'day' ? isoDay(seconds) : isoDay(seconds).slice(0, 7);
}

function sum(series: readonly number[]): number {
  return series.reduce((a, b) => a + b, 0);
}

/** `part`'s counts laid out on `whole`'s buckets (a filter's buckets are a subrange of them). */
function alignTo(whole: TimelineBuckets, part: TimelineBuckets): TimelineBuckets {
  const at = new Map(part.starts.map((start, k) => [start, k]));
  const pick = (series: readonly number[]) =>
    whole.starts.map((start) => {
      const k = at.get(start);
      return k === undefined ? 0 : series[k]!;
    });
  return {
    unit: whole.unit,
    starts: whole.starts,
    get: pick(part.get),
    delete: pick(part.delete),
    getAndDelete: pick(part.getAndDelete),
    other: pick(part.other),
    undated: part.undated,
  };
}

function describe(shown: TimelineBuckets, zone: string, whole: TimelineBuckets | null): string {
  const { starts, unit } = shown;
  if (starts.length === 0) return 'No entry has a valid time to chart.';
  const total = sum(shown.get) + sum(shown.delete) + sum(shown.getAndDelete) + sum(shown.other);
  const of = whole
    ? ` of ${sum(whole.get) + sum(whole.delete) + sum(whole.getAndDelete) + sum(whole.other)}`
    : '';
  return (
    `${total}${of} tags per ${unit} (${zone}) from ${bucketLabel(unit, starts[0]!)} to ` +
    `${bucketLabel(unit, starts[starts.length - 1]!)}, ` +
    'stacked by operation. Drag across the chart to filter the table to those dates.'
  );
}

const OPERATIONS = [
  { key: 'get', label: 'Get (+)', colour: '--op-get', title: null },
  { key: 'delete', label: 'Delete (-)', colour: '--op-delete', title: null },
  { key: 'getAndDelete', label: 'Get-and-delete (&)', colour: '--op-get-and-delete', title: null },
  {
    key: 'other',
    // Named like the summary's "Unknown operation" count, so the two read as the same thing.
    label: 'Unknown operation',
    colour: '--op-other',
    title: 'An operation byte other than +, - or & (an error finding)',
  },
] as const;

export function TimelinePanel() {
  const session = useWorkspace((state) => state.session);
  const setFilters = useWorkspace((state) => state.actions.setFilters);
  const timeZone = useWorkspace((state) => state.timeZone);
  const view = useWorkspace(viewOf);
  const theme = useResolvedTheme();
  const [unitChoice, setUnitChoice] = useState<TimelineUnit | 'auto'>('auto');
  const chartRef = useRef<HTMLDivElement>(null);
  const document = session?.document ?? null;
  const automatic = document ? defaultUnit(document) : 'day';
  const unit = unitChoice === 'auto' ? automatic : unitChoice;
  const all = document ? timelineBuckets(document, unit, timeZone) : null;
  const mask = view && view.filter.count < view.total ? view.filter.mask : null;
  const filtered = useMemo(
    () =>
      document && all && mask
        ? alignTo(all, timelineBuckets(document, unit, timeZone, mask))
        : null,
    [all, document, mask, timeZone, unit],
  );
  // The bars: the filtered entries when a filter is on (over the whole, in grey), else all.
  const buckets = filtered ?? all;
  const whole = filtered ? all : null;
  const zone = zoneLabel(timeZone);
  const [drawable] = useState(canvasAvailable);

  useEffect(() => {
    const container = chartRef.current;
    if (!container || !buckets || !drawable || buckets.starts.length === 0) return;
    const [total, withGad, getDel, get] = stacked(buckets);
    const raw = [buckets.other, buckets.getAndDelete, buckets.delete, buckets.get];
    const wholeTotal = whole ? stacked(whole)[0]! : null;
    const axisColour = cssColour(container, '--text-muted', '#666');
    const gridColour = cssColour(container, '--border', '#ddd');
    const bars = uPlot.paths.bars?.({ size: [0.8, 40], gap: 1 });
    const bucketSeconds = unit === 'hour' ? 3_600 : unit === 'day' ? 86_400 : 31 * 86_400;
    const series = (label: string, colour: string, k: number): uPlot.Series => ({
      label,
      fill: colour,
      stroke: colour,
      width: 0,
      ...(bars ? { paths: bars } : {}),
      points: { show: false },
      value: (_self, _value, _series, index) =>
        index === null ? '–' : String(raw[k]![index] ?? 0),
    });
    const chartHeight = (): number => Math.max(MIN_CHART_HEIGHT, container.clientHeight);
    const options: uPlot.Options = {
      width: Math.max(200, container.clientWidth),
      height: chartHeight(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: true, y: false, setScale: false } },
      // The panel draws its own legend (HTML beside the heading), which is never clipped.
      legend: { show: false },
      scales: {
        // Room for the first and last bars, and a sensible span when there is only one.
        x: {
          time: true,
          range: () => [
            buckets.starts[0]! - bucketSeconds,
            buckets.starts[buckets.starts.length - 1]! + bucketSeconds,
          ],
        },
        y: { range: (_self, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        {
          stroke: axisColour,
          grid: { stroke: gridColour, width: 1 },
          ticks: { stroke: gridColour },
        },
        {
          stroke: axisColour,
          grid: { stroke: gridColour, width: 1 },
          ticks: { stroke: gridColour },
          size: 56,
          // Whole tags only.
          incrs: COUNT_STEPS,
        },
      ],
      series: [
        { label: `${unit} (${zone})` },
        ...(wholeTotal
          ? [
              {
                label: 'All entries',
                fill: cssColour(container, '--timeline-whole', 'rgb(128 128 128 / 0.3)'),
                stroke: 'transparent',
                width: 0,
                ...(bars ? { paths: bars } : {}),
                points: { show: false },
              } satisfies uPlot.Series,
            ]
          : []),
        series('Unknown operation', cssColour(container, '--op-other', '#999'), 0),
        series('Get-and-delete', cssColour(container, '--op-get-and-delete', '#c80'), 1),
        series('Delete', cssColour(container, '--op-delete', '#c33'), 2),
        series('Get', cssColour(container, '--op-get', '#36c'), 3),
      ],
      hooks: {
        setSelect: [
          (chart) => {
            if (chart.select.width <= 0) return;
            const from = chart.posToVal(chart.select.left, 'x');
            const to = chart.posToVal(chart.select.left + chart.select.width, 'x');
            const days = brushedDays(buckets, from, to);
            if (days) setFilters({ dateFrom: days.from, dateTo: days.to });
            chart.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
      },
    };
    const data: uPlot.AlignedData = wholeTotal
      ? [buckets.starts, wholeTotal, total!, withGad!, getDel!, get!]
      : [buckets.starts, total!, withGad!, getDel!, get!];
    const chart = new uPlot(options, data, container);
    // The container's label describes the chart; its legend table is for the eyes only.
    chart.root.setAttribute('aria-hidden', 'true');
    // The plot fits the panel (short windows, 125% zoom), so its axis stays in sight.
    const fit = (): void => {
      chart.setSize({ width: Math.max(200, container.clientWidth), height: chartHeight() });
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [buckets, whole, drawable, setFilters, theme, unit, zone]);

  if (!buckets) return null;
  const description = describe(buckets, zone, whole);

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="panel-heading">
        <h2 id="timeline-title" className="panel-title">
          Timeline
        </h2>
        <span className="panel-count" data-testid="timeline-zone">
          {unit === 'hour' ? 'hours' : 'days'} in {zone}
        </span>
        <label className="field field--inline">
          Group by
          <select
            value={unitChoice}
            onChange={(event) => setUnitChoice(event.target.value as TimelineUnit | 'auto')}
          >
            <option value="auto">Automatic ({automatic})</option>
            <option value="hour">Hour</option>
            <option value="day">Day</option>
            <option value="month">Month</option>
          </select>
        </label>
        {buckets.undated > 0 && (
          <span className="panel-count">{buckets.undated} without a valid time</span>
        )}
      </div>
      <ul className="timeline__legend" aria-label="Timeline legend">
        {OPERATIONS.map((operation) => (
          <li key={operation.key} title={operation.title ?? undefined}>
            <span
              className="timeline__swatch"
              style={{ background: `var(${operation.colour})` }}
              aria-hidden="true"
            />
            {operation.label} {sum(buckets[operation.key])}
          </li>
        ))}
        {whole && (
          <li title="Every entry, filters off: the filtered bars stand in front of it">
            <span className="timeline__swatch timeline__swatch--whole" aria-hidden="true" />
            All entries{' '}
            {sum(whole.get) + sum(whole.delete) + sum(whole.getAndDelete) + sum(whole.other)}
          </li>
        )}
      </ul>
      <div
        ref={chartRef}
        className="timeline__chart"
        role="img"
        aria-label={description}
        data-testid="timeline-chart"
      >
        {(!drawable || buckets.starts.length === 0) && <p className="panel-empty">{description}</p>}
      </div>
    </section>
  );
}
