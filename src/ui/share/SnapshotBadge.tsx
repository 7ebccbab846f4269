/** Says that the view is a snapshot of a real cluster, read as stored (the engine's `--admitted`). */
import { selectAdmitted, selectSetAdmitted } from '../../state/share/selectors';
import { useAppStore } from '../../state/useAppStore';

export function SnapshotBadge() {
  const admitted = useAppStore(selectAdmitted);
  const setAdmitted = useAppStore(selectSetAdmitted);
  if (!admitted) return null;
  return (
    <span
      className="snapshot-badge"
      data-testid="snapshot-badge"
      title="A snapshot of a real cluster, read as the API server stores it: no defaults, no allocation, no controllers. What you see is what kube-proxy and CoreDNS would make of it."
    >
      Snapshot
      <button
        type="button"
        onClick={() => setAdmitted(false)}
        aria-label="Stop reading as a snapshot: simulate the YAML as new objects"
        title="Simulate the YAML as new objects instead (defaults, controllers, scheduling)"
      >
        ×
      </button>
    </span>
  );
}
