/** Whether the engine has answered, how fast, and whether it crashed (an engine bug). */
import {
  selectCrash,
  selectDiagnostics,
  selectDurationMs,
  selectStatus,
} from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';

export function EngineStatus() {
  const status = useAppStore(selectStatus);
  const crash = useAppStore(selectCrash);
  const durationMs = useAppStore(selectDurationMs);
  const errors = useAppStore(selectDiagnostics).filter((d) => d.severity === 'error').length;
  let text: string;
  if (status === 'pending') text = 'Starting the engine…';
  else if (status === 'crashed') text = `Engine crashed (a bug): ${crash ?? ''}`;
  else if (errors > 0) text = `${errors} error${errors === 1 ? '' : 's'}`;
  else text = `Simulated in ${durationMs.toFixed(1)} ms`;
  return (
    <output
      className={`engine-status status-${status}`}
      data-testid="engine-status"
      data-status={status}
      title={text}
      role={status === 'crashed' ? 'alert' : undefined}
    >
      {text}
    </output>
  );
}
