/**
 * Tags written per day or month, stacked by operation (uPlot on a canvas). Dragging across the
 * chart sets the date filter to the days of the bars it covers. Buckets are days in the
 * displayed zone, laid out as UTC seconds (state/timeline.ts), so the axis is drawn in UTC,
 * which labels them unshifted.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useWorkspace } from '../app-context';
import { useResolvedTheme } from '../hooks/useTheme';
import {
  brushedDays,
  defaultUnit,
  isoDay,
  timelineBuckets,
  type TimelineBuckets,
  type TimelineUnit,
} from '../state/timeline';
import { zoneLabel } from '../state/time-zone';

const CHART_HEIGHT = 150;
/** Below this the bars are too short to read: the legend is clipped first, then the axis. */
const MIN_CHART_HEIGHT = 100;
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

function describe(buckets: TimelineBuckets, zone: string): string {
  const { starts, unit } = buckets;
  if (starts.length === 0) return 'No entry has a valid time to chart.';
  const label = (seconds: number) =>
    unit === 'day' ? isoDay(seconds) : isoDay(seconds).slice(0, 7);
  const total = [buckets.get, buckets.delete, buckets.getAndDelete, buckets.other].reduce(
    (sum, series) => sum + series.reduce((a, b) => a + b, 0),
    0,
  );
  return (
    `${total} tags per ${unit} (${zone}) from ${label(starts[0]!)} to ` +
    `${label(starts[starts.length - 1]!)}, ` +
    'stacked by operation. Drag across the chart to filter the table to those dates.'
  );
}

export function TimelinePanel() {
  const session = useWorkspace((state) => state.session);
  const setFilters = useWorkspace((state) => state.actions.setFilters);
  const timeZone = useWorkspace((state) => state.timeZone);
  const theme = useResolvedTheme();
  const [unitChoice, setUnitChoice] = useState<TimelineUnit | 'auto'>('auto');
  const chartRef = useRef<HTMLDivElement>(null);
  const document = session?.document ?? null;
  const automatic = document ? defaultUnit(document) : 'day';
  const unit = unitChoice === 'auto' ? automatic : unitChoice;
  const buckets = document ? timelineBuckets(document, unit, timeZone) : null;
  const zone = zoneLabel(timeZone);
  const [drawable] = useState(canvasAvailable);

  useEffect(() => {
    const container = chartRef.current;
    if (!container || !buckets || !drawable || buckets.starts.length === 0) return;
    const [total, withGad, getDel, get] = stacked(buckets);
    const raw = [buckets.other, buckets.getAndDelete, buckets.delete, buckets.get];
    const axisColour = cssColour(container, '--text-muted', '#666');
    const gridColour = cssColour(container, '--border', '#ddd');
    const bars = uPlot.paths.bars?.({ size: [0.8, 40], gap: 1 });
    const bucketSeconds = unit === 'day' ? 86_400 : 31 * 86_400;
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
    const options: uPlot.Options = {
      width: Math.max(200, container.clientWidth),
      height: CHART_HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { show: true, live: true },
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
        {
          label: `${unit === 'day' ? 'Day' : 'Month'} (${zone})`,
          value: (_self, value) =>
            value === null ? '–' : unit === 'day' ? isoDay(value) : isoDay(value).slice(0, 7),
        },
        series('Other', cssColour(container, '--op-other', '#999'), 0),
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
    const chart = new uPlot(options, [buckets.starts, total!, withGad!, getDel!, get!], container);
    // The container's label describes the chart; its legend table is for the eyes only.
    chart.root.setAttribute('aria-hidden', 'true');
    // The plot and its legend fit the panel (short windows, 125% zoom), so the axis and the
    // legend stay in sight instead of being clipped.
    const fit = (): void => {
      const legend = chart.root.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 0;
      const room = container.clientHeight - legend;
      chart.setSize({
        width: Math.max(200, container.clientWidth),
        height: room > 0 ? Math.max(MIN_CHART_HEIGHT, Math.min(CHART_HEIGHT, room)) : CHART_HEIGHT,
      });
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [buckets, drawable, setFilters, theme, unit, zone]);

  if (!buckets) return null;
  const description = describe(buckets, zone);

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="panel-heading">
        <h2 id="timeline-title" className="panel-title">
          Timeline
        </h2>
        <span className="panel-count" data-testid="timeline-zone">
          days in {zone}
        </span>
        <label className="field field--inline">
          Group by
          <select
            value={unitChoice}
            onChange={(event) => setUnitChoice(event.target.value as TimelineUnit | 'auto')}
          >
            <option value="auto">Automatic ({automatic})</option>
            <option value="day">Day</option>
            <option value="month">Month</option>
          </select>
        </label>
        {buckets.undated > 0 && (
          <span className="panel-count">{buckets.undated} without a valid time</span>
        )}
      </div>
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
