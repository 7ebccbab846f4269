/**
 * The gallery of lessons and scenarios: cards with a title and what to notice. Arrow keys move
 * between cards (Home / End to the ends), Enter or a click opens one. Reached from the toolbar,
 * and opened by `?lesson=` links directly at a lesson.
 */
import { useRef, type KeyboardEvent } from 'react';
import { lessons } from '../../lessons';
import { scenarios } from '../../scenarios';
import {
  selectGalleryOpen,
  selectLoadScenario,
  selectSetGalleryOpen,
  selectStartLesson,
  selectExitLesson,
} from '../../state/selectors';
import { keepOwnWork } from '../../state/lessonLinks';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { Dialog } from '../share/Dialog';
import './lessons.css';

interface Card {
  id: string;
  kind: 'lesson' | 'scenario';
  title: string;
  notice: string;
  meta: string;
  open(): void;
}

/** The index of the card to focus after a key, in a grid `columns` wide; undefined for other keys. */
export function nextCard(
  key: string,
  index: number,
  count: number,
  columns: number,
): number | undefined {
  const moves: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + columns,
    ArrowUp: index - columns,
    Home: 0,
    End: count - 1,
  };
  const next = moves[key];
  return next === undefined ? undefined : Math.max(0, Math.min(count - 1, next));
}

function columnsOf(cards: (HTMLButtonElement | null)[]): number {
  const top = cards[0]?.offsetTop;
  const columns = cards.filter((c) => c?.offsetTop === top).length;
  return Math.max(1, columns);
}

/** The page's localStorage, unless it may not be used (a sandboxed frame, an embed). */
function pageStorage(embedded: boolean): Storage | undefined {
  if (embedded) return undefined;
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function Gallery() {
  const store = useAppStoreApi();
  const open = useAppStore(selectGalleryOpen);
  const setOpen = useAppStore(selectSetGalleryOpen);
  const startLesson = useAppStore(selectStartLesson);
  const exitLesson = useAppStore(selectExitLesson);
  const loadScenario = useAppStore(selectLoadScenario);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const cards: Card[] = [
    ...lessons.map((l) => ({
      id: l.id,
      kind: 'lesson' as const,
      title: l.title,
      notice: l.notice,
      meta: `Lesson · ${l.steps.length} steps`,
      open: () => {
        const state = store.getState();
        const kept = keepOwnWork(store, pageStorage(state.embed !== null), l.title);
        startLesson(l.id, 0);
        if (kept) state.notify(`Your document is kept in Saved documents as "${kept}".`);
      },
    })),
    ...scenarios.map((s) => ({
      id: s.name,
      kind: 'scenario' as const,
      title: s.title || s.name,
      notice: s.notice,
      meta: 'Scenario',
      open: () => {
        exitLesson();
        loadScenario(s.name);
        setOpen(false);
      },
    })),
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = refs.current.findIndex((el) => el === document.activeElement);
    if (index === -1) return;
    const next = nextCard(event.key, index, cards.length, columnsOf(refs.current));
    if (next === undefined) return;
    event.preventDefault();
    refs.current[next]?.focus();
  };

  const renderCards = (kind: Card['kind'], offset: number) =>
    cards
      .filter((c) => c.kind === kind)
      .map((card, i) => (
        <button
          key={card.id}
          ref={(el) => {
            refs.current[offset + i] = el;
          }}
          type="button"
          className={`gallery-card ${card.kind}`}
          data-testid={`gallery-${card.kind}`}
          data-id={card.id}
          {...(offset + i === 0 ? { 'data-autofocus': true } : {})}
          onClick={card.open}
        >
          <span className="card-meta">{card.meta}</span>
          <span className="card-title">{card.title}</span>
          <span className="card-notice">{card.notice}</span>
        </button>
      ));

  return (
    <Dialog
      open={open}
      title="Lessons and scenarios"
      onClose={() => setOpen(false)}
      testId="gallery"
      wide
    >
      <div className="gallery" onKeyDown={onKeyDown}>
        <h3>Lessons</h3>
        <div className="gallery-grid">{renderCards('lesson', 0)}</div>
        <h3>Scenarios</h3>
        <div className="gallery-grid">{renderCards('scenario', lessons.length)}</div>
      </div>
    </Dialog>
  );
}
