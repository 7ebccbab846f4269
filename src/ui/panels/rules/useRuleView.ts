/**
 * The Rules panel's derived state: the lines of the text shown (with their owners), the lines the
 * selected request matched, the search hits, and where to scroll when any of them changes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { selectPods, selectSelection, selectServices } from '../../../state/selectors';
import { useAppStore } from '../../../state/useAppStore';
import { selectSelectedRequestHops } from './selectedHops';
import {
  firstLineOf,
  matchHops,
  toAddressBook,
  toRuleLines,
  type LineOwner,
  type RuleLine,
} from './ruleLines';

export interface RuleView {
  lines: RuleLine[];
  width: number;
  hopLines: Set<number>;
  hits: number[];
  hitSet: Set<number>;
  owner: LineOwner | undefined;
  scrollTo: { index: number; seq: number } | null;
  /** Brings a line into view (a search hit, the first matched rule). */
  scroll(index: number): void;
  /** Marks a selection as made from the panel itself (clicking a rule): it does not scroll. */
  selectedHere(owner: LineOwner): void;
}

function ownerOf(selection: { kind: string; key: string } | null): LineOwner | undefined {
  if (selection?.kind === 'service' || selection?.kind === 'pod') {
    return { kind: selection.kind, key: selection.key };
  }
  return undefined;
}

/** `view` names the text shown (its command): a different one is a new place to scroll in. */
export function useRuleView(text: string, node: string, view: string, search: string): RuleView {
  const services = useAppStore(selectServices);
  const pods = useAppStore(selectPods);
  const selection = useAppStore(selectSelection);
  const hops = useAppStore(selectSelectedRequestHops);
  const book = useMemo(() => toAddressBook(services, pods), [services, pods]);
  const lines = useMemo(() => toRuleLines(text, book), [text, book]);
  const width = useMemo(() => lines.reduce((max, l) => Math.max(max, l.text.length), 0), [lines]);
  const hopLines = useMemo(() => matchHops(lines, hops, node), [lines, hops, node]);
  const needle = search.trim().toLowerCase();
  const hits = useMemo(() => {
    if (needle === '') return [];
    const out: number[] = [];
    lines.forEach((l, i) => {
      if (l.text.toLowerCase().includes(needle)) out.push(i);
    });
    return out;
  }, [lines, needle]);
  const hitSet = useMemo(() => new Set(hits), [hits]);
  const owner = ownerOf(selection);
  const [scrollTo, setScrollTo] = useState<{ index: number; seq: number } | null>(null);
  const seq = useRef(0);
  const fromHere = useRef<string | null>(null);
  const scroll = (index: number) => setScrollTo({ index, seq: ++seq.current });

  const ownerKey = owner ? `${owner.kind}:${owner.key}` : '';
  const hopsKey = hops.map((h) => `${h.node}\u0000${h.rule}`).join('\n');
  // Scroll when the selection, the matched request, the node or the text changes; not when a
  // new simulation merely redraws the same text (the person may be reading elsewhere).
  const pendingOwner = useRef(true);
  const pendingHops = useRef(true);
  useEffect(() => {
    pendingOwner.current = ownerKey !== fromHere.current;
    fromHere.current = null;
  }, [ownerKey, node, view]);
  useEffect(() => {
    pendingHops.current = true;
  }, [hopsKey, node, view]);
  useEffect(() => {
    const firstHop = Math.min(...hopLines);
    if (pendingHops.current && Number.isFinite(firstHop)) {
      pendingHops.current = false;
      setScrollTo({ index: firstHop, seq: ++seq.current });
      return;
    }
    if (!pendingOwner.current || !owner) return;
    const index = firstLineOf(lines, owner);
    if (index === undefined) return;
    pendingOwner.current = false;
    setScrollTo({ index, seq: ++seq.current });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `owner` is keyed by ownerKey
  }, [lines, hopLines, ownerKey]);

  // A new search (not the same search over a redrawn text): show its first hit.
  const hitsKey = `${needle}\u0000${node}\u0000${view}`;
  const lastHitsKey = useRef('');
  useEffect(() => {
    const first = hits[0];
    if (first === undefined || hitsKey === lastHitsKey.current) return;
    lastHitsKey.current = hitsKey;
    setScrollTo({ index: first, seq: ++seq.current });
  }, [hits, hitsKey]);

  return {
    lines,
    width,
    hopLines,
    hits,
    hitSet,
    owner,
    scrollTo,
    scroll,
    selectedHere: (o) => {
      fromHere.current = `${o.kind}:${o.key}`;
    },
  };
}
