/**
 * Functions the UI benchmark runs inside the page (serialised by Playwright's `evaluate`, so
 * each is self-contained). Timing inside the page measures what the user sees, without the
 * round trips of the driver. The Node build has no DOM types, so the little of the DOM these
 * use is declared here.
 */

interface ProbeElement {
  readonly textContent: string | null;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly parentElement: ProbeElement | null;
  scrollTop: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): ProbeElement | null;
  querySelectorAll(selector: string): ArrayLike<ProbeElement>;
}

interface ProbeGlobals {
  readonly document: ProbeElement & { readonly body: ProbeElement };
  readonly performance: { now(): number };
  requestAnimationFrame(callback: (time: number) => void): number;
  addEventListener(
    type: string,
    listener: () => void,
    options: { capture: boolean; once: boolean },
  ): void;
  getComputedStyle(element: ProbeElement): { overflowY: string };
  setTimeout(callback: () => void, ms: number): number;
  MutationObserver: new (callback: () => void) => {
    observe(target: ProbeElement, options: Record<string, boolean>): void;
    disconnect(): void;
  };
  PerformanceObserver?: new (callback: (list: { getEntries(): unknown[] }) => void) => {
    observe(options: { type: string; buffered?: boolean }): void;
    disconnect(): void;
  };
  __uidlProbe?: Promise<unknown>;
}

/** What the "file chosen → table rendered" probe resolves to. */
export interface OpenTiming {
  /** ms from the file input's change event to the first frame showing rows and the count. */
  readonly renderedMs: number;
}

/**
 * Arms the open probe: the clock starts at the file input's `change` event (the file chosen)
 * and stops at the first animation frame where the grid shows a row and the summary the
 * expected count. Await `window.__uidlProbe` afterwards.
 */
export function armOpenProbe(expectedCount: number): void {
  const page = globalThis as unknown as ProbeGlobals;
  page.__uidlProbe = new Promise<OpenTiming>((resolve) => {
    const countPattern = new RegExp(
      String(expectedCount).replace(/\B(?=(\d{3})+(?!\d))/g, '[,.\\u00a0\\u202f ]?'),
    );
    page.addEventListener(
      'change',
      () => {
        const start = page.performance.now();
        // The region named "Summary", by aria-label or aria-labelledby (React ids need quoting).
        const summaryRegion = (): ProbeElement | null => {
          const regions = page.document.querySelectorAll('[role="region"], section');
          for (let i = 0; i < regions.length; i++) {
            const region = regions[i]!;
            const labelledBy = region.getAttribute('aria-labelledby');
            const label =
              region.getAttribute('aria-label') ??
              (labelledBy
                ? page.document.querySelector(`[id="${labelledBy}"]`)?.textContent
                : null);
            if (label?.trim() === 'Summary') return region;
          }
          return null;
        };
        const check = (): void => {
          const row = page.document.querySelector('[role="grid"] [role="row"][data-entry-index]');
          if (row && countPattern.test(summaryRegion()?.textContent ?? '')) {
            resolve({ renderedMs: page.performance.now() - start });
          } else {
            page.requestAnimationFrame(check);
          }
        };
        page.requestAnimationFrame(check);
      },
      { capture: true, once: true },
    );
  });
}

/** What the filter probe resolves to. */
export interface FilterTiming {
  /** ms from keydown to the DOM change that updated the "N of M entries" status. */
  readonly updateMs: number;
  /** ms from keydown to the next animation frame after that change (rows on screen). */
  readonly frameMs: number;
  readonly status: string;
}

/**
 * Arms the filter probe: the clock starts at the next keydown and stops when the "N of M
 * entries" status text changes, then at the frame after it.
 */
export function armFilterProbe(): void {
  const page = globalThis as unknown as ProbeGlobals;
  const statusText = (): string => {
    const nodes = page.document.querySelectorAll('[role="status"]');
    for (let i = 0; i < nodes.length; i++) {
      const text = nodes[i]!.textContent ?? '';
      if (/\bof\b.*\bentries\b/.test(text)) return text;
    }
    return '';
  };
  const before = statusText();
  page.__uidlProbe = new Promise<FilterTiming>((resolve) => {
    let start = -1;
    page.addEventListener(
      'keydown',
      () => {
        start = page.performance.now();
      },
      { capture: true, once: true },
    );
    const observer = new page.MutationObserver(() => {
      if (start < 0) return;
      const now = statusText();
      if (now === before) return;
      observer.disconnect();
      const updateMs = page.performance.now() - start;
      page.requestAnimationFrame(() =>
        resolve({ updateMs, frameMs: page.performance.now() - start, status: now }),
      );
    });
    observer.observe(page.document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** What the scroll probe resolves to. */
export interface ScrollResult {
  readonly frames: number;
  /** Intervals between consecutive frames over 50 ms. */
  readonly longFrames: number;
  /** Which frames were long (1-based; frames after `steps` are the far jumps). */
  readonly longFrameAt: readonly number[];
  readonly maxFrameMs: number;
  readonly medianFrameMs: number;
  /** Long tasks (over 50 ms) the browser reported meanwhile. */
  readonly longTasks: number;
  /** The highest entry index rendered at the end, proving the grid really scrolled. */
  readonly lastIndexSeen: number;
  readonly scrollable: boolean;
}

/**
 * Scrolls the grid from the top, `pixelsPerFrame` per animation frame for `steps` frames, then
 * jumps to `jumps` far positions one frame apart (a dragged scroll bar), recording every frame's
 * timestamp.
 */
export function runScrollProbe(options: {
  steps: number;
  pixelsPerFrame: number;
  jumps: number;
}): Promise<ScrollResult> {
  const page = globalThis as unknown as ProbeGlobals;
  const grid = page.document.querySelector('[role="grid"][aria-label="Entries"]');
  // The scrolling element is the grid itself, a child of it, or an ancestor: whichever scrolls.
  const candidates: ProbeElement[] = [];
  if (grid) {
    candidates.push(grid);
    const inside = grid.querySelectorAll('*');
    for (let i = 0; i < inside.length; i++) candidates.push(inside[i]!);
    for (let up = grid.parentElement; up; up = up.parentElement) candidates.push(up);
  }
  const scroller = candidates.find(
    (element) =>
      element.scrollHeight > element.clientHeight + 10 &&
      /(auto|scroll)/.test(page.getComputedStyle(element).overflowY),
  );
  if (!scroller) {
    return Promise.resolve({
      frames: 0,
      longFrames: 0,
      longFrameAt: [],
      maxFrameMs: 0,
      medianFrameMs: 0,
      longTasks: 0,
      lastIndexSeen: -1,
      scrollable: false,
    });
  }
  let longTasks = 0;
  const taskObserver = page.PerformanceObserver
    ? new page.PerformanceObserver((list) => {
        longTasks += list.getEntries().length;
      })
    : null;
  try {
    taskObserver?.observe({ type: 'longtask' });
  } catch {
    // longtask entries are Chromium-only; the frame intervals are the measure anyway.
  }
  scroller.scrollTop = 0;
  const stamps: number[] = [];
  const total = options.steps + options.jumps;
  return new Promise<ScrollResult>((resolve) => {
    const frame = (time: number): void => {
      stamps.push(time);
      const done = stamps.length - 1;
      if (done < options.steps) {
        scroller.scrollTop += options.pixelsPerFrame;
      } else if (done < total) {
        // Far jumps across the whole list, alternating ends, like dragging the scroll bar.
        const k = done - options.steps;
        const fraction = k % 2 === 0 ? (k + 1) / (options.jumps + 1) : 1 - k / (options.jumps + 1);
        scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
      } else {
        taskObserver?.disconnect();
        const intervals = stamps.slice(1).map((stamp, i) => stamp - stamps[i]!);
        const sorted = [...intervals].sort((a, b) => a - b);
        scroller.scrollTop = scroller.scrollHeight;
        // Give the virtualiser a moment to render the rows at the end.
        page.setTimeout(() => {
          const rows = page.document.querySelectorAll('[role="row"][data-entry-index]');
          let lastIndexSeen = -1;
          for (let i = 0; i < rows.length; i++) {
            lastIndexSeen = Math.max(
              lastIndexSeen,
              Number(rows[i]!.getAttribute('data-entry-index')),
            );
          }
          resolve({
            frames: intervals.length,
            longFrames: intervals.filter((interval) => interval > 50).length,
            longFrameAt: intervals.flatMap((interval, i) => (interval > 50 ? [i + 1] : [])),
            maxFrameMs: sorted[sorted.length - 1] ?? 0,
            medianFrameMs: sorted[sorted.length >> 1] ?? 0,
            longTasks,
            lastIndexSeen,
            scrollable: true,
          });
        }, 250);
        return;
      }
      page.requestAnimationFrame(frame);
    };
    page.requestAnimationFrame(frame);
  });
}

/** Awaits the armed probe's result. */
export function awaitProbe(): Promise<unknown> {
  const page = globalThis as unknown as ProbeGlobals;
  return page.__uidlProbe ?? Promise.reject(new Error('no probe armed'));
}
