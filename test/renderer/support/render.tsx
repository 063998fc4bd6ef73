/** Rendering the whole workspace against a fake host, for component tests in happy-dom. */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll } from 'vitest';
import { cleanup } from '@testing-library/react';
import { App } from '../../../renderer/src/App';
import { createServices, type AppServices } from '../../../renderer/src/app-context';
import { createFakeHost, pickedFile, type FakeHost } from './fake-host';
import type { HostCapabilities } from '@shared/host/contract.js';

/**
 * happy-dom lays nothing out, so every element measures 0x0 and a virtualised list would show
 * a handful of rows. Give scroll containers a viewport's size.
 */
export function installLayout(): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get: () => 600,
    });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
      configurable: true,
      get: () => 1000,
    });
  });
  afterEach(() => cleanup());
}

export interface Rendered {
  readonly host: FakeHost;
  readonly services: AppServices;
  readonly user: ReturnType<typeof userEvent.setup>;
}

export function renderApp(
  capabilities: Partial<HostCapabilities> = {},
  /** user-event's options (tests with fake timers give `delay: null`: no pauses to wait for). */
  options: Parameters<typeof userEvent.setup>[0] = {},
): Rendered {
  const host = createFakeHost(capabilities);
  const services = createServices(host);
  const user = userEvent.setup(options);
  render(<App host={host} services={services} />);
  return { host, services, user };
}

/** Opens `bytes` through the "Open file" input, as a user would. */
export async function openFile(
  rendered: Rendered,
  bytes: Uint8Array,
  name = 'history.bin',
): Promise<void> {
  await rendered.user.upload(screen.getByLabelText('Open file'), pickedFile(bytes, name));
  await screen.findByRole('grid', { name: 'Entries' });
}

export function grid(): HTMLElement {
  return screen.getByRole('grid', { name: 'Entries' });
}

export function row(index: number): HTMLElement {
  const found = grid().querySelector<HTMLElement>(`[data-entry-index="${index}"]`);
  if (!found) throw new Error(`row of entry ${index} is not rendered`);
  return found;
}

/** The entry indexes of the rendered rows, top to bottom. */
export function rowIndexes(): number[] {
  return [...grid().querySelectorAll<HTMLElement>('[data-entry-index]')]
    .sort((a, b) => translateY(a) - translateY(b))
    .map((element) => Number(element.dataset.entryIndex));
}

function translateY(element: HTMLElement): number {
  return Number(/translateY\((-?[\d.]+)px\)/.exec(element.style.transform)?.[1] ?? 0);
}

export function cellText(index: number, column: number): string {
  return within(row(index)).getAllByRole('gridcell')[column]!.textContent ?? '';
}

/** Offsets of the hex bytes marked data-selected. */
export function selectedOffsets(): number[] {
  const hex = screen.getByRole('region', { name: 'Hex' });
  return [...hex.querySelectorAll<HTMLElement>('[data-offset][data-selected="true"]')].map(
    (element) => Number(element.dataset.offset),
  );
}

export function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}

export { act, screen, within };
