/**
 * What kube-proxy programs on one node, in its mode's own text (iptables-save; ipvsadm, ipset and
 * iptables-save; nft), one sub-tab per text. The list is windowed; the rules the selected request
 * matched are highlighted, the selected object's chains scrolled into view, and choosing a rule
 * selects the object it belongs to.
 */
import { useState } from 'react';
import { selectNodes, selectSelect, selectSelection } from '../../../state/selectors';
import { useAppStore } from '../../../state/useAppStore';
import { useEngineQuery } from '../engineQuery';
import { RuleDetail } from './RuleDetail';
import { ownerOfLine } from './ruleLines';
import { RulesToolbar } from './RulesToolbar';
import { useRuleView } from './useRuleView';
import { VirtualLines } from './VirtualLines';

/** Pixel height of one rule line (matches `.rule-line` in styles.css). */
const lineHeight = 24;

export function RulesPanel() {
  const nodes = useAppStore(selectNodes);
  const selection = useAppStore(selectSelection);
  const select = useAppStore(selectSelect);
  const [chosenNode, setChosenNode] = useState<string | null>(null);
  const [textIndex, setTextIndex] = useState(0);
  const [search, setSearch] = useState('');
  const [active, setActive] = useState<number | undefined>(undefined);
  const [hit, setHit] = useState(0);

  const selectedNode = selection?.kind === 'node' ? selection.key : null;
  const node = [selectedNode, chosenNode, nodes[0]?.name].find(
    (n): n is string => typeof n === 'string' && nodes.some((x) => x.name === n),
  );
  const { answer, error, pending } = useEngineQuery(node ? { kind: 'rules', node } : null);
  const texts = answer?.texts ?? [];
  const shown = texts[Math.min(textIndex, Math.max(0, texts.length - 1))];
  const view = useRuleView(shown?.text ?? '', answer?.node ?? '', shown?.command ?? '', search);
  const { lines, hopLines, hits, owner } = view;

  const choose = (index: number) => {
    const line = lines[index];
    setActive(index);
    const target = line ? ownerOfLine(line) : undefined;
    if (!target) return;
    view.selectedHere(target);
    select(target);
  };

  const goToHit = (step: number) => {
    if (hits.length === 0) return;
    const next = (hit + step + hits.length) % hits.length;
    setHit(next);
    const index = hits[next];
    if (index !== undefined) view.scroll(index);
  };

  return (
    <section className="panel rules-panel" aria-labelledby="rules-title" data-testid="rules-panel">
      <h2 id="rules-title">
        Rules{' '}
        <span className="muted">
          {answer ? `${answer.mode} mode on ${answer.node}` : pending ? 'loading…' : ''}
        </span>
      </h2>
      <RulesToolbar
        nodes={nodes.map((n) => n.name)}
        node={node}
        onNode={(name) => {
          setChosenNode(name);
          select({ kind: 'node', key: name });
        }}
        texts={texts.map((t) => t.command)}
        textIndex={textIndex}
        onText={setTextIndex}
        search={search}
        onSearch={(value) => {
          setSearch(value);
          setHit(0);
        }}
        hits={hits.length}
        hit={hit}
        onHit={goToHit}
        matched={hopLines.size}
        onMatched={() => {
          const first = Math.min(...hopLines);
          if (Number.isFinite(first)) view.scroll(first);
        }}
      />
      {error ? <p className="notice">{error}</p> : null}
      {!answer && !error ? (
        <p className="muted" data-testid="rules-loading">
          Computing what kube-proxy programs on {node ?? 'the node'}…
        </p>
      ) : null}
      {answer ? (
        <VirtualLines
          count={lines.length}
          lineHeight={lineHeight}
          width={view.width + 6}
          scrollTo={view.scrollTo}
          active={active}
          onActivate={setActive}
          onChoose={choose}
          label={shown ? `${shown.command} on ${answer?.node ?? ''}` : 'rules'}
          testId="rules-lines"
          renderLine={(i) => {
            const line = lines[i];
            if (!line) return null;
            const owned =
              owner !== undefined &&
              (owner.kind === 'service' ? line.service === owner.key : line.pod === owner.key);
            const classes = ['rule-line'];
            if (hopLines.has(i)) classes.push('rule-hop');
            if (owned) classes.push('rule-owned');
            if (hits.length > 0 && hits[hit] === i) classes.push('rule-hit-current');
            else if (view.hitSet.has(i)) classes.push('rule-hit');
            if (active === i) classes.push('rule-active');
            return (
              <div
                key={i}
                id={`rule-line-${i}`}
                role="option"
                aria-selected={active === i}
                className={classes.join(' ')}
                data-testid="rule-line"
                data-line={i + 1}
                data-hop={hopLines.has(i) || undefined}
                data-owned={owned || undefined}
                onClick={() => choose(i)}
              >
                <span className="rule-gutter" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="rule-text">{line.text}</span>
              </div>
            );
          }}
        />
      ) : null}
      <RuleDetail line={lines[active ?? Math.min(...hopLines)]} />
    </section>
  );
}
