/** The terminal's command history, kept for the browser session (sessionStorage), newest last. */
const key = 'kube-service-playground:terminal-history:v1';
const limit = 200;

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function loadHistory(): string[] {
  try {
    const raw = storage()?.getItem(key);
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Adds a command (not a repeat of the last one) and saves the list. */
export function remember(history: readonly string[], command: string): string[] {
  if (command.trim() === '' || history[history.length - 1] === command) return [...history];
  const next = [...history, command].slice(-limit);
  try {
    storage()?.setItem(key, JSON.stringify(next));
  } catch {
    // Storage full or refused: the history still works for this page.
  }
  return next;
}
