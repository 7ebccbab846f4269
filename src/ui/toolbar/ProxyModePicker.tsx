/** kube-proxy's mode, switched as a what-if: an edit of the text's KubeProxyConfiguration. */
import type { ProxyMode } from '../../engine/model';
import { setProxyMode } from '../../state/edits/whatIf';
import { selectApplyWhatIf, selectProxyMode } from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';

const modes: ProxyMode[] = ['iptables', 'ipvs', 'nftables'];

function isMode(value: string): value is ProxyMode {
  return (modes as string[]).includes(value);
}

export function ProxyModePicker() {
  const store = useAppStoreApi();
  const mode = useAppStore(selectProxyMode);
  const applyWhatIf = useAppStore(selectApplyWhatIf);
  return (
    <label className="picker">
      <span>kube-proxy</span>
      <select
        data-testid="proxy-mode"
        value={mode ?? 'iptables'}
        onChange={(event) => {
          const next = event.target.value;
          if (isMode(next)) {
            applyWhatIf(`kube-proxy mode ${next}`, setProxyMode(store.getState().text, next));
          }
        }}
      >
        {modes.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}
