/**
 * The what-if bar above the graph: the selected object's actions, and what the latest one did,
 * with Undo (no confirmation: every what-if can be undone).
 */
import {
  selectApplyWhatIf,
  selectCanUndo,
  selectSelection,
  selectSummary,
  selectUndo,
  selectWhatIfNotice,
} from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { useEngineQuery } from '../panels/engineQuery';
import { podsQueryFor, selectedObject } from './whatIfActions';

export function WhatIfBar() {
  const store = useAppStoreApi();
  const selection = useAppStore(selectSelection);
  const summary = useAppStore(selectSummary);
  const applyWhatIf = useAppStore(selectApplyWhatIf);
  const notice = useAppStore(selectWhatIfNotice);
  const canUndo = useAppStore(selectCanUndo);
  const undo = useAppStore(selectUndo);
  // A large cluster's summary lists only its first pods: the others are asked for.
  const podsQuery = podsQueryFor(selection, summary);
  const asked = useEngineQuery(podsQuery);
  const pods = podsQuery && !asked.pending ? asked.answer?.pods : undefined;
  const selected =
    podsQuery && !pods
      ? undefined
      : selectedObject(selection, summary && pods ? { ...summary, pods } : summary);

  if (!selected && !notice) return null;
  return (
    <div className="whatif-bar" data-testid="whatif-bar" role="region" aria-label="What-if actions">
      {selected ? (
        <div className="whatif-actions">
          <span className="whatif-title" title={selected.title}>
            {selected.title}
          </span>
          {selected.commands.map((command) => (
            <button
              key={command.id}
              type="button"
              data-testid={`whatif-${command.id}`}
              onClick={() => applyWhatIf(command.label, command.run(store.getState().text))}
            >
              {command.label}
            </button>
          ))}
        </div>
      ) : null}
      {notice ? (
        <div
          className={`whatif-notice${notice.ok ? '' : ' is-refused'}`}
          data-testid="whatif-notice"
          role="status"
        >
          <span>{notice.message}</span>
          {canUndo ? (
            <button type="button" className="link-button" onClick={undo}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
