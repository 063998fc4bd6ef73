// @vitest-environment happy-dom
// The computer's zone: Riyadh, UTC+03:00 all year. Set before any Date is made.
// (The renderer's type configuration has no Node types, hence the cast.)
(globalThis as unknown as { process: { env: Record<string, string> } }).process.env.TZ =
  'Asia/Riyadh';

import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildBlob, CLEAN_TAGS } from '../../fixtures/blobs.js';
import { cellText, installLayout, openFile, renderApp, screen, within } from '../support/render';

installLayout();

const REAL_TIMES = buildBlob([
  { op: '+', content: 'b', timestamp: '20170612143250', uid: '6' },
  { op: '+', content: 'b', timestamp: '20170612223000', uid: '7' },
]);
const TIME_COLUMN = 3;
const header = () =>
  screen.getByRole('grid', { name: 'Entries' }).querySelectorAll('[role="columnheader"]')[
    TIME_COLUMN
  ]!;

describe('the Times setting', () => {
  it('shows UTC by default, switches to the labelled local zone, saves the choice, and filters by local days', async () => {
    const rendered = renderApp();
    await openFile(rendered, REAL_TIMES);
    expect(header().textContent).toBe('Time (UTC)');
    expect(cellText(1, TIME_COLUMN)).toBe('2017-06-12 22:30:00');
    expect(screen.getByTestId('summary-zone').textContent).toBe('UTC');
    expect(screen.getByTestId('filter-zone').textContent).toBe('days in UTC');
    expect(screen.getByTestId('timeline-zone').textContent).toBe('hours in UTC'); // written within two days: per hour;

    await rendered.user.selectOptions(screen.getByLabelText('Times'), 'local');
    expect(rendered.host.updateSettings).toHaveBeenCalledWith({ timeZone: 'local' });
    expect(header().textContent).toBe('Time (UTC+03:00 Asia/Riyadh)');
    expect(cellText(0, TIME_COLUMN)).toBe('2017-06-12 17:32:50');
    expect(cellText(1, TIME_COLUMN)).toBe('2017-06-13 01:30:00');
    expect(screen.getByTestId('summary-zone').textContent).toBe('UTC+03:00 Asia/Riyadh');

    // The 13th in Riyadh holds entry 1 only; in UTC, no entry.
    fireEvent.change(screen.getByLabelText('From date'), { target: { value: '2017-06-13' } });
    fireEvent.change(screen.getByLabelText('To date'), { target: { value: '2017-06-13' } });
    expect(screen.getByRole('status').textContent).toBe('1 of 2 entries');
    await rendered.user.selectOptions(screen.getByLabelText('Times'), 'utc');
    expect(screen.getByRole('status').textContent).toBe('0 of 2 entries');
  });

  it('edits a time typed in the local zone and writes it in UTC, saying so', async () => {
    const rendered = renderApp();
    await openFile(rendered, REAL_TIMES);
    await rendered.user.selectOptions(screen.getByLabelText('Times'), 'local');
    await rendered.user.dblClick(
      screen.getByRole('grid', { name: 'Entries' }).querySelector('[data-entry-index="0"]')!,
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit entry' });
    const time = within(dialog).getByLabelText('Time (UTC+03:00 Asia/Riyadh)') as HTMLInputElement;
    expect(time.value).toBe('2017-06-12 17:32:50');
    await rendered.user.clear(time);
    await rendered.user.type(time, '2017-06-13 02:00:00');
    expect(dialog.textContent).toContain('written as 2017-06-12 23:00:00 UTC');
    await rendered.user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await rendered.user.selectOptions(screen.getByLabelText('Times'), 'utc');
    expect(cellText(0, TIME_COLUMN)).toBe('2017-06-12 23:00:00');
  });
});

describe("Outlook's slack in the summary", () => {
  it('is an info line with Drop Outlook’s slack, undone by Undo', async () => {
    const slack = Uint8Array.of(0, 0, 0, 0, 0x78, 0x56, 0x9b);
    const bytes = buildBlob(CLEAN_TAGS, { trailing: slack });
    const rendered = renderApp();
    await openFile(rendered, bytes);
    const line = screen.getByTestId('summary-slack');
    expect(line.textContent).toBe("Outlook slack: 7 bytes (info) Drop Outlook's slack");
    expect(screen.getByText('Outlook slack (Count+4, harmless)')).toBeTruthy();
    await rendered.user.click(within(line).getByRole('button', { name: "Drop Outlook's slack" }));
    expect(screen.queryByTestId('summary-slack')).toBeNull();
    await rendered.user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByTestId('summary-slack').textContent).toContain('7 bytes');
  });
});
