import { describe, expect, it } from 'vitest';
import {
  electronAvailability,
  HOW_TO_GET_ELECTRON,
  NO_DISPLAY,
} from '../../e2e/electron/binary.js';

describe('when the desktop end-to-end tests run', () => {
  it('needs the binary, and says how to install it', () => {
    expect(electronAvailability(null, { DISPLAY: ':0' }, 'linux')).toEqual({
      found: false,
      reason: HOW_TO_GET_ELECTRON,
    });
    expect(HOW_TO_GET_ELECTRON).toContain('node node_modules/electron/install.js');
  });

  it('needs a display on Linux, and says to use xvfb-run', () => {
    expect(electronAvailability('/e/electron', {}, 'linux')).toEqual({
      found: false,
      reason: NO_DISPLAY,
    });
    expect(NO_DISPLAY).toContain('xvfb-run');
    expect(electronAvailability('/e/electron', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toEqual({
      found: true,
      executablePath: '/e/electron',
    });
    expect(electronAvailability('/e/electron', {}, 'darwin')).toEqual({
      found: true,
      executablePath: '/e/electron',
    });
  });
});
