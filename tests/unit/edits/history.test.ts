import { describe, expect, it } from 'vitest';
import { canRedo, canUndo } from '../../../src/state/historySlice';
import { createAppStore } from '../../../src/state/store';

describe('the what-if history', () => {
  it('applies a what-if, undoes and redoes it', () => {
    const store = createAppStore({ text: 'a: 1\n', scenario: null });
    store.getState().applyWhatIf('scale', { ok: true, text: 'a: 2\n', message: 'scaled' });
    expect(store.getState()).toMatchObject({ text: 'a: 2\n', whatIfNotice: { message: 'scaled' } });
    store.getState().undo();
    expect(store.getState().text).toBe('a: 1\n');
    expect(canRedo(store.getState())).toBe(true);
    store.getState().redo();
    expect(store.getState().text).toBe('a: 2\n');
    expect(canUndo(store.getState())).toBe(true);
  });

  it('keeps the text when a what-if is refused, and says why', () => {
    const store = createAppStore({ text: 'a: 1\n', scenario: null });
    store.getState().applyWhatIf('delete', { ok: false, message: 'built in' });
    expect(store.getState()).toMatchObject({
      text: 'a: 1\n',
      past: [],
      whatIfNotice: { ok: false },
    });
  });

  it('does not undo over typing made since the what-if', () => {
    const store = createAppStore({ text: 'a: 1\n', scenario: null });
    store.getState().applyWhatIf('scale', { ok: true, text: 'a: 2\n', message: 'scaled' });
    store.getState().setText('a: 3\n');
    expect(canUndo(store.getState())).toBe(false);
    store.getState().undo();
    expect(store.getState().text).toBe('a: 3\n');
  });
});
