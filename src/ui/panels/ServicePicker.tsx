/**
 * The Service the Endpoints and DNS panels show: the selected one, else the last one shown (a pod
 * selected from the panel keeps its Service on screen), else the first Service of the input.
 * The picker lists the input's Services first (at most `pickerLimit`), then the built-in ones.
 */
import { useEffect, useMemo } from 'react';
import { selectSelect, selectSelection, selectServices } from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import type { ServiceSummary } from '../../worker/protocol';

const pickerLimit = 500;
/** The last Service a panel showed, kept across tab switches. */
let lastShown: string | null = null;

export function useShownService(): ServiceSummary | undefined {
  const services = useAppStore(selectServices);
  const selection = useAppStore(selectSelection);
  const byKey = useMemo(() => new Map(services.map((s) => [s.key, s])), [services]);
  const selected = selection?.kind === 'service' ? byKey.get(selection.key) : undefined;
  const shown =
    selected ??
    (lastShown !== null ? byKey.get(lastShown) : undefined) ??
    services.find((s) => s.source) ??
    services[0];
  const shownKey = shown?.key ?? null;
  useEffect(() => {
    if (shownKey !== null) lastShown = shownKey;
  }, [shownKey]);
  return shown;
}

export function ServicePicker({ service }: { service: ServiceSummary | undefined }) {
  const services = useAppStore(selectServices);
  const select = useAppStore(selectSelect);
  const options = useMemo(() => {
    const ordered = [...services.filter((s) => s.source), ...services.filter((s) => !s.source)];
    const list = ordered.slice(0, pickerLimit);
    if (service && !list.includes(service)) list.push(service);
    return list;
  }, [services, service]);
  return (
    <label className="service-picker">
      <span>Service</span>
      <select
        value={service?.key ?? ''}
        data-testid="service-picker"
        onChange={(e) => select({ kind: 'service', key: e.target.value })}
      >
        {options.map((s) => (
          <option key={s.key} value={s.key}>
            {s.key}
          </option>
        ))}
      </select>
    </label>
  );
}
