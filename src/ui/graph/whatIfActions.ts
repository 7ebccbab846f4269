/**
 * The what-ifs the graph offers for a selection, as labelled commands over the text. Each one
 * reads the text when it runs (not when the bar renders), so a large text is read only on click.
 */
import type { EditOutcome } from '../../state/edits/whatIf';
import {
  cordon,
  deletePod,
  drain,
  replicasOf,
  scalableOf,
  scale,
  setExternalTrafficPolicy,
  setPodReady,
  uncordon,
} from '../../state/edits/whatIf';
import type { Selection } from '../../state/viewSlice';
import type {
  EngineQuery,
  NodeSummary,
  PodSummary,
  ServiceSummary,
  SimulationSummary,
} from '../../worker/protocol';

export interface WhatIfCommand {
  id: string;
  label: string;
  run(text: string): EditOutcome;
}

export interface SelectedObject {
  title: string;
  commands: WhatIfCommand[];
}

const none: EditOutcome = {
  ok: false,
  message: 'nothing to scale: the text holds no Deployment for this pod',
};

function podCommands(pod: PodSummary): WhatIfCommand[] {
  const owned = Boolean(pod.owner?.startsWith('ReplicaSet/'));
  const step = (delta: number) => (text: string) => {
    const found = scalableOf(text, pod);
    return found ? scale(text, found, replicasOf(found) + delta) : none;
  };
  return [
    { id: 'delete-pod', label: 'Delete pod', run: (text) => deletePod(text, pod) },
    pod.ready
      ? { id: 'not-ready', label: 'Mark not ready', run: (text) => setPodReady(text, pod, false) }
      : { id: 'ready', label: 'Mark ready', run: (text) => setPodReady(text, pod, true) },
    ...(owned
      ? [
          { id: 'scale-down', label: 'Replicas −1', run: step(-1) },
          { id: 'scale-up', label: 'Replicas +1', run: step(1) },
        ]
      : []),
  ];
}

function nodeCommands(node: NodeSummary, summary: SimulationSummary): WhatIfCommand[] {
  const cluster = { nodes: summary.nodes, pods: summary.pods, defaultNodes: summary.defaultNodes };
  return [
    node.unschedulable
      ? { id: 'uncordon', label: 'Uncordon', run: (text) => uncordon(text, node) }
      : { id: 'cordon', label: 'Cordon', run: (text) => cordon(text, node, cluster) },
    { id: 'drain', label: 'Drain', run: (text) => drain(text, node, cluster) },
  ];
}

function serviceCommands(service: ServiceSummary): WhatIfCommand[] {
  const external =
    service.type === 'NodePort' ||
    service.type === 'LoadBalancer' ||
    service.externalIPs.length > 0;
  if (!external || !service.source) return [];
  const next = service.externalTrafficPolicy === 'Local' ? 'Cluster' : 'Local';
  return [
    {
      id: 'traffic-policy',
      label: `externalTrafficPolicy → ${next}`,
      run: (text) => setExternalTrafficPolicy(text, service, next),
    },
  ];
}

/** The selected object as the bar shows it, with its what-ifs; undefined when none applies. */
export function selectedObject(
  selection: Selection | null,
  summary: SimulationSummary | undefined,
): SelectedObject | undefined {
  if (!selection || !summary) return undefined;
  switch (selection.kind) {
    case 'pod': {
      const pod = summary.pods.find((p) => p.key === selection.key);
      return pod && { title: pod.name, commands: podCommands(pod) };
    }
    case 'node': {
      const node = summary.nodes.find((n) => n.name === selection.key);
      return node && { title: node.name, commands: nodeCommands(node, summary) };
    }
    case 'service': {
      const service = summary.services.find((s) => s.key === selection.key);
      return service && { title: service.name, commands: serviceCommands(service) };
    }
    default:
      return undefined;
  }
}

/**
 * The pods a selection's what-ifs need that the summary does not list (a large cluster's lists
 * only its first pods): the selected pod, or every pod of the selected node. Null when the
 * summary has them all.
 */
export function podsQueryFor(
  selection: Selection | null,
  summary: SimulationSummary | undefined,
): (EngineQuery & { kind: 'pods' }) | null {
  if (!summary?.omittedPods || !selection) return null;
  if (selection.kind === 'node') return { kind: 'pods', node: selection.key };
  if (selection.kind === 'pod' && !summary.pods.some((p) => p.key === selection.key)) {
    return { kind: 'pods', keys: [selection.key] };
  }
  return null;
}
