import { describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE } from '../../../electron/main/args.js';

const packaged = { cwd: '/home/ana', defaultApp: false, platform: 'linux' } as const;
const dev = { cwd: '/home/ana', defaultApp: true, platform: 'linux' } as const;

describe('parseCommandLine', () => {
  it('reads files and --read-only from a packaged app, resolving against the cwd', () => {
    expect(
      parseCommandLine(
        ['/opt/UIDL Studio/uidl-studio', 'a.bin', '--read-only', '/tmp/b.txt'],
        packaged,
      ),
    ).toEqual({
      files: ['/home/ana/a.bin', '/tmp/b.txt'],
      readOnly: true,
      help: false,
      version: false,
      ignored: [],
    });
  });

  it('skips the app path when run as `electron APP`, even after Chromium switches', () => {
    expect(parseCommandLine(['/x/electron', '.', 'h.bin'], dev).files).toEqual(['/home/ana/h.bin']);
    // Playwright launches `electron --inspect=0 --remote-debugging-port=0 APP ...`.
    const result = parseCommandLine(
      ['/x/electron', '--inspect=0', '--remote-debugging-port=0', '/repo', 'h.bin'],
      dev,
    );
    expect(result.files).toEqual(['/home/ana/h.bin']);
    expect(result.ignored).toEqual(['--inspect=0', '--remote-debugging-port=0']);
  });

  it('ignores the switches Chromium and Electron add, in a second instance too', () => {
    const result = parseCommandLine(
      [
        'C:\\Program Files\\UIDL Studio\\UIDL Studio.exe',
        '--allow-file-access-from-files',
        '--no-sandbox',
        '--original-process-start-time=13355',
        'dump.txt',
      ],
      { cwd: 'D:\\cases\\42', defaultApp: false, platform: 'win32' },
    );
    expect(result.files).toEqual(['D:\\cases\\42\\dump.txt']);
    expect(result.readOnly).toBe(false);
    expect(result.ignored).toEqual([
      '--allow-file-access-from-files',
      '--no-sandbox',
      '--original-process-start-time=13355',
    ]);
  });

  it('reads file URLs as paths', () => {
    expect(parseCommandLine(['exe', 'file:///home/ana/with%20space.bin'], packaged).files).toEqual([
      '/home/ana/with space.bin',
    ]);
    expect(
      parseCommandLine(['exe', 'file:///C:/cases/h.bin'], { ...packaged, platform: 'win32' }).files,
    ).toEqual(['C:\\cases\\h.bin']);
    expect(parseCommandLine(['exe', 'file://server/share/h.bin'], packaged)).toMatchObject({
      files: [],
      ignored: ['file://server/share/h.bin'],
    });
  });

  it('takes everything after -- as a file, even when it looks like a switch', () => {
    expect(parseCommandLine(['exe', '--', '--read-only', '-h'], packaged)).toMatchObject({
      files: ['/home/ana/--read-only', '/home/ana/-h'],
      readOnly: false,
      help: false,
    });
  });

  it('recognises --help, -h and --version', () => {
    expect(parseCommandLine(['exe', '--help'], packaged).help).toBe(true);
    expect(parseCommandLine(['exe', '-h'], packaged).help).toBe(true);
    expect(parseCommandLine(['exe', '--version'], packaged).version).toBe(true);
    expect(USAGE).toContain('--read-only');
  });

  it('opens nothing for an empty command line or an empty argument', () => {
    expect(parseCommandLine(['exe'], packaged).files).toEqual([]);
    expect(parseCommandLine(['exe', ''], packaged).files).toEqual([]);
    expect(parseCommandLine(['/x/electron', '.'], dev).files).toEqual([]);
  });
});
