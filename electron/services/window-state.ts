/**
 * The main window's size, position and maximized state across sessions, and where to put the
 * window when the display it was on is gone or smaller now (a laptop undocked from a monitor).
 */
import { z } from 'zod';
import { readJsonFile, writeJsonFile, type JsonFileOptions } from './json-file.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** The normal (not maximized) bounds. */
  readonly bounds: Rect;
  readonly maximized: boolean;
}

/** Where to create the window; no x/y means "centered" (what Electron does without them). */
export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW_SIZE: Size = { width: 1280, height: 800 };
export const MIN_WINDOW_SIZE: Size = { width: 640, height: 480 };

const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(1_000_000);
const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high));
}

/**
 * The placement for a window last seen at `saved`, given the work areas of the displays now
 * attached (the primary one first). The window goes on the display it overlaps most, shrunk to
 * fit and moved fully inside; on none, it is centered on the primary display.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: Size = DEFAULT_WINDOW_SIZE,
  minimum: Size = MIN_WINDOW_SIZE,
): WindowPlacement {
  const primary = workAreas[0];
  const wanted = saved?.bounds ?? defaults;
  const fit = (area: Rect | undefined): Size => ({
    width: Math.round(
      area ? Math.min(Math.max(wanted.width, minimum.width), area.width) : wanted.width,
    ),
    height: Math.round(
      area ? Math.min(Math.max(wanted.height, minimum.height), area.height) : wanted.height,
    ),
  });
  const maximized = saved?.maximized ?? false;
  if (!saved || !primary) return { ...fit(primary), maximized };

  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const shared = overlap(saved.bounds, area);
    if (shared > bestOverlap) {
      best = area;
      bestOverlap = shared;
    }
  }
  const area = best ?? primary;
  const size = fit(area);
  const x = best
    ? clamp(saved.bounds.x, area.x, area.x + area.width - size.width)
    : area.x + Math.floor((area.width - size.width) / 2);
  const y = best
    ? clamp(saved.bounds.y, area.y, area.y + area.height - size.height)
    : area.y + Math.floor((area.height - size.height) / 2);
  return { x: Math.round(x), y: Math.round(y), ...size, maximized };
}

export interface WindowStateStore {
  load(): Promise<WindowState | null>;
  save(state: WindowState): Promise<void>;
}

export function createWindowStateStore(
  options: JsonFileOptions & { readonly file: string },
): WindowStateStore {
  return {
    load: () =>
      readJsonFile(
        options.file,
        (value) => {
          const parsed = windowStateSchema.safeParse(value);
          return parsed.success ? parsed.data : null;
        },
        options,
      ),
    async save(state) {
      const rounded: WindowState = {
        bounds: {
          x: Math.round(state.bounds.x),
          y: Math.round(state.bounds.y),
          width: Math.round(state.bounds.width),
          height: Math.round(state.bounds.height),
        },
        maximized: state.maximized,
      };
      await writeJsonFile(options.file, rounded, options);
    },
  };
}
