/**
 * "Paste your cluster": the guide to `kubectl get ... -o yaml`, and a target for its output
 * (pasted, or a file). The text passes `restore`, then loads as a snapshot (the engine's
 * `--admitted`): the cluster's own Services, endpoints and pods, read as stored.
 */
import { useState } from 'react';
import { restore } from '../../state/share/restore';
import { currentVersion } from '../../state/share/sharedState';
import { selectLoadDocument, selectNotify } from '../../state/share/selectors';
import { useAppStore } from '../../state/useAppStore';
import { Dialog } from './Dialog';
import { readDocumentFile } from './fileTransfer';

export const kubectlCommand = 'kubectl get nodes,pods,services,endpointslices -A -o yaml';
const proxyCommand =
  "kubectl -n kube-system get configmap kube-proxy -o jsonpath='{.data.config\\.conf}'";
const corednsCommand = 'kubectl -n kube-system get configmap coredns -o yaml';

interface Props {
  open: boolean;
  onClose(): void;
}

export function PasteClusterDialog({ open, onClose }: Props) {
  return (
    <Dialog open={open} title="Paste your cluster" onClose={onClose} testId="paste-dialog" wide>
      <PasteClusterBody onClose={onClose} />
    </Dialog>
  );
}

function PasteClusterBody({ onClose }: { onClose(): void }) {
  const loadDocument = useAppStore(selectLoadDocument);
  const notify = useAppStore(selectNotify);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  const load = (pasted: string, from: string) => {
    const restored = restore({ text: pasted }, currentVersion, 'paste');
    if (!restored.ok) {
      setError(restored.message);
      return;
    }
    loadDocument({ text: restored.state.text, scenario: null, admitted: true });
    notify(`Loaded ${from} as a snapshot: the cluster's own Services, endpoints and rules.`);
    onClose();
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const read = await readDocumentFile(file);
    if (read.ok) load(read.state.text, `"${file.name}"`);
    else setError(read.message);
  };

  return (
    <div className="paste-cluster">
      <p>
        Run this where <code>kubectl</code> reaches your cluster, and paste its output below (or
        choose the file). It stays in this browser: nothing is sent anywhere.
      </p>
      <pre className="command" data-testid="paste-command">
        {kubectlCommand} &gt; cluster.yaml
      </pre>
      <details>
        <summary>Also your kube-proxy mode and CoreDNS settings (optional)</summary>
        <p>
          Append each as one more document, after a line <code>---</code>: kube-proxy&apos;s
          configuration (its <code>mode</code>, masquerade bit, ...) and CoreDNS&apos;s ConfigMap.
        </p>
        <pre className="command">{proxyCommand}</pre>
        <pre className="command">{corednsCommand}</pre>
      </details>
      <p className="muted">
        The playground reads it as a snapshot, the way kube-proxy and CoreDNS read the API server:
        Services, EndpointSlices, pods and nodes exactly as given, nothing defaulted, allocated or
        re-created. Each node&apos;s rules are those kube-proxy would program from it. Edits you
        make afterwards change the snapshot, not your cluster.
      </p>
      <textarea
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setError(undefined);
        }}
        placeholder="apiVersion: v1&#10;items:&#10;- apiVersion: v1&#10;  kind: Node&#10;  ..."
        aria-label="The output of kubectl get -o yaml"
        spellCheck={false}
        data-testid="paste-cluster-text"
        data-autofocus
      />
      {error ? (
        <p className="share-error" role="alert" data-testid="paste-cluster-error">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          disabled={text.trim() === ''}
          onClick={() => load(text, 'the pasted cluster')}
          data-testid="paste-cluster-load"
        >
          Load as a snapshot
        </button>
        <label className="file-button">
          Choose a file…
          <input
            type="file"
            accept=".yaml,.yml,.json,.txt,application/yaml,text/yaml,application/json,text/plain"
            onChange={(event) => void choose(event.target.files?.[0])}
            data-testid="paste-cluster-file"
          />
        </label>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
