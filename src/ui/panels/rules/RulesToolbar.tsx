/** The Rules panel's controls: the node, the text (one tab per command), search, matched rules. */
import { useId } from 'react';

export interface RulesToolbarProps {
  nodes: string[];
  node: string | undefined;
  onNode(name: string): void;
  texts: string[];
  textIndex: number;
  onText(index: number): void;
  search: string;
  onSearch(value: string): void;
  hits: number;
  hit: number;
  onHit(step: number): void;
  matched: number;
  onMatched(): void;
}

export function RulesToolbar(props: RulesToolbarProps) {
  const id = useId();
  return (
    <div className="rules-toolbar">
      <div className="rules-row">
        <label htmlFor={`${id}-node`}>Node</label>
        <select
          id={`${id}-node`}
          value={props.node ?? ''}
          data-testid="rules-node"
          onChange={(e) => props.onNode(e.target.value)}
        >
          {props.nodes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {props.matched > 0 ? (
          <button
            type="button"
            className="rules-matched"
            data-testid="rules-matched"
            onClick={props.onMatched}
          >
            {props.matched} rule{props.matched === 1 ? '' : 's'} matched by the request
          </button>
        ) : null}
      </div>
      <div role="tablist" aria-label="Rules texts" className="tablist subtabs">
        {props.texts.map((command, i) => (
          <button
            key={command}
            type="button"
            role="tab"
            aria-selected={i === props.textIndex}
            data-testid="rules-text-tab"
            onClick={() => props.onText(i)}
          >
            {command}
          </button>
        ))}
      </div>
      <div className="rules-row">
        <label htmlFor={`${id}-search`}>Search</label>
        <input
          id={`${id}-search`}
          type="search"
          value={props.search}
          data-testid="rules-search"
          placeholder="chain, IP, Service…"
          onChange={(e) => props.onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') props.onHit(e.shiftKey ? -1 : 1);
          }}
        />
        <span className="muted" aria-live="polite" data-testid="rules-hits">
          {props.search.trim() === ''
            ? ''
            : props.hits === 0
              ? 'no match'
              : `${props.hit + 1} of ${props.hits}`}
        </span>
        <button type="button" onClick={() => props.onHit(-1)} disabled={props.hits === 0}>
          Previous
        </button>
        <button type="button" onClick={() => props.onHit(1)} disabled={props.hits === 0}>
          Next
        </button>
      </div>
    </div>
  );
}
