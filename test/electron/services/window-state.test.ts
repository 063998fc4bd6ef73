import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createWindowStateStore,
  placeWindow,
  type Rect,
} from '../../../electron/services/window-state.js';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('uses the default size, centered, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ width: 1280, height: 800, maximized: false });
  });

  it('shrinks the default size to a small display', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    expect(placeWindow(null, [small])).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('restores bounds that are fully visible as they were', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: true };
    expect(placeWindow(saved, [laptop, monitorRight])).toEqual({
      x: 1600,
      y: 100,
      width: 1200,
      height: 900,
      maximized: true,
    });
  });

  it('centers the window on the primary display when its display is gone', () => {
    const saved = { bounds: { x: 2000, y: 200, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({
      x: 220,
      y: 87,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('moves a window hanging off the edge fully inside the display it overlaps most', () => {
    const saved = { bounds: { x: 1300, y: -50, width: 1000, height: 600 }, maximized: false };
    // 140 px on the laptop, 860 px on the monitor: it belongs to the monitor.
    expect(placeWindow(saved, [laptop, monitorRight])).toEqual({
      x: 1440,
      y: 0,
      width: 1000,
      height: 600,
      maximized: false,
    });
  });

  it('shrinks a window larger than its display now is', () => {
    const saved = { bounds: { x: 100, y: 100, width: 2400, height: 1300 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    });
  });

  it('grows a window below the minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 100, height: 50 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toMatchObject({ x: 10, y: 10, width: 640, height: 480 });
  });

  it('honours work areas that do not start at 0 (a taskbar on the left or top)', () => {
    const area: Rect = { x: 60, y: 30, width: 1860, height: 1050 };
    const saved = { bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false };
    expect(placeWindow(saved, [area])).toMatchObject({ x: 60, y: 30 });
  });

  it('keeps the saved size when no display is known', () => {
    const saved = { bounds: { x: 5, y: 5, width: 900, height: 700 }, maximized: true };
    expect(placeWindow(saved, [])).toEqual({ width: 900, height: 700, maximized: true });
  });
});

describe('window state store', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(join(tmpdir(), 'uidl-window-'));
  });
  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('saves rounded bounds and loads them back', async () => {
    const store = createWindowStateStore({ file: join(folder, 'window-state.json') });
    expect(await store.load()).toBeNull();
    await store.save({ bounds: { x: 10.4, y: 20.6, width: 800, height: 600 }, maximized: true });
    expect(await store.load()).toEqual({
      bounds: { x: 10, y: 21, width: 800, height: 600 },
      maximized: true,
    });
  });

  it('ignores (and renames aside) a state it cannot use', async () => {
    const file = join(folder, 'window-state.json');
    await fs.writeFile(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 1 } }));
    const warnings: string[] = [];
    const store = createWindowStateStore({ file, onWarning: (m) => warnings.push(m) });
    expect(await store.load()).toBeNull();
    expect(warnings).toHaveLength(1);
    expect((await fs.readdir(folder))[0]).toMatch(/^window-state\.json\.corrupt-/);
  });
});
