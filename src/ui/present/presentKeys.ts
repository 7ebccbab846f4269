/**
 * The keys that move a presentation: → PageDown Space for the next step, ← PageUp for the one
 * before (a presenter's clicker sends PageDown / PageUp). Keys typed into the editor, a field or a
 * dialog are theirs, not the presentation's.
 */
export type PresentMove = 'next' | 'back';

const moves: Record<string, PresentMove> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ' ': 'next',
  ArrowLeft: 'back',
  PageUp: 'back',
};

/** Whether keys pressed in this element belong to it (text entry, a menu, a dialog, the graph). */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor, dialog, [role="tablist"], .react-flow__node',
    ) !== null
  );
}

/** The move a key stands for, or undefined. Modified keys are left to the browser. */
export function presentMove(event: {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}): PresentMove | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  if (event.shiftKey && event.key !== ' ') return undefined;
  if (ownsKeys(event.target)) return undefined;
  // Space on a focused button or link presses it.
  if (event.key === ' ' && event.target instanceof Element && event.target.closest('button, a')) {
    return undefined;
  }
  const move = moves[event.key];
  if (move === 'next' && event.key === ' ' && event.shiftKey) return 'back';
  return move;
}
