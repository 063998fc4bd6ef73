/**
 * Light and dark themes: the OS preference (prefers-color-scheme) unless the settings force
 * one. The stylesheet follows the media query by itself; a forced theme is set as
 * data-theme on <html>, which the stylesheet prefers.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useUi } from '../app-context';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToScheme(onChange: () => void): () => void {
  const query = window.matchMedia?.(DARK_QUERY);
  query?.addEventListener?.('change', onChange);
  return () => query?.removeEventListener?.('change', onChange);
}

function systemPrefersDark(): boolean {
  return window.matchMedia?.(DARK_QUERY).matches ?? false;
}

/** The theme in effect, for code that draws colours itself (the timeline's canvas). */
export function useResolvedTheme(): 'light' | 'dark' {
  const preference = useUi((state) => state.theme);
  const systemDark = useSyncExternalStore(subscribeToScheme, systemPrefersDark, () => false);
  return preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
}

/** Applies the theme setting to the page. */
export function useApplyTheme(): void {
  const preference = useUi((state) => state.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (preference === 'system') delete root.dataset.theme;
    else root.dataset.theme = preference;
  }, [preference]);
}
