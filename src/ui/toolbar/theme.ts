/**
 * The color theme: the system's (prefers-color-scheme) unless the person picks light or dark in
 * the toolbar. The choice is kept in localStorage and set as `data-theme` on <html>, where the
 * stylesheet reads it; the editor may follow the `themechange` event this dispatches.
 */
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const storageKey = 'kube-service-playground:theme';
const darkQuery = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const saved = window.localStorage.getItem(storageKey);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = typeof window === 'undefined' ? 'system' : readChoice();

function systemTheme(): Theme {
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

export function resolvedTheme(): Theme {
  return choice === 'system' ? systemTheme() : choice;
}

function apply(): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  window.dispatchEvent(new CustomEvent('themechange', { detail: resolvedTheme() }));
  for (const listener of listeners) listener();
}

/** Sets the theme; `persist: false` (an embed's `theme` parameter) leaves the saved choice alone. */
export function setThemeChoice(next: ThemeChoice, persist = true): void {
  choice = next;
  if (!persist) {
    apply();
    return;
  }
  try {
    if (next === 'system') window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, next);
  } catch {
    // Storage disabled: the choice lasts for this page.
  }
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = window.matchMedia(darkQuery);
  media.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', listener);
  };
}

/** The theme on screen ('light' or 'dark'), following the system and the toolbar's choice. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, resolvedTheme, () => 'light');
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(
    subscribe,
    () => choice,
    () => 'system',
  );
}

// The saved choice is set as soon as the page loads this module, before React's first paint.
if (typeof document !== 'undefined' && choice !== 'system') {
  document.documentElement.dataset.theme = choice;
}
