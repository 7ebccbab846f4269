/**
 * The graph's model, derived from the simulation summary and the view. Top row: the external
 * clients, the load balancers and the addresses outside the cluster (manual endpoints, external
 * names); then the Services in a grid; then each Node as a group with its pods in a column. Pure and deterministic: positions depend
 * only on the order of objects and on fixed sizes, so the graph stays put while the text is
 * typed (a pod added to one node moves nothing else). Past `maxDrawnPods` pods, each node shows
 * counts; past `maxDrawnServices` Services, the rest are counted.
 */
import type { NodeSummary, PodCounts, PodSummary, SimulationSummary } from '../../worker/protocol';
import type { Selection } from '../../state/viewSlice';
import { toEdges } from './flowEdges';
import {
  clientId,
  clusterNodeId,
  layout,
  loadBalancerId,
  maxDrawnPods,
  maxDrawnServices,
  moreServicesId,
  nodeHeaderId,
  podCountId,
  podId,
  serviceId,
  unscheduled,
  type ClusterNodeData,
  type Flow,
  type FlowNode,
} from './flowTypes';

export * from './flowTypes';

export interface FlowView {
  selection: Selection | null;
  /** The addresses of the external clients requests can come from. */
  clients: readonly string[];
}

/** Pods by the node that runs them, in the order of the nodes, then the unscheduled ones. */
export function groupPods(nodes: NodeSummary[], pods: PodSummary[]): [string, PodSummary[]][] {
  const groups = new Map<string, PodSummary[]>(nodes.map((n) => [n.name, []]));
  const rest: PodSummary[] = [];
  for (const pod of pods) {
    const list = pod.nodeName ? groups.get(pod.nodeName) : undefined;
    if (list) list.push(pod);
    else rest.push(pod);
  }
  const out = [...groups];
  if (rest.length > 0) out.push([unscheduled, rest]);
  return out;
}

/** The input's Services first, in the order written; the built-in ones after them. */
export function orderServices(summary: SimulationSummary) {
  return [
    ...summary.services.filter((s) => s.source),
    ...summary.services.filter((s) => !s.source),
  ];
}

/** Every nodePort the cluster's Services open (kube-proxy opens each on every node). */
function nodePortsOf(summary: SimulationSummary): number[] {
  const ports = new Set<number>();
  for (const service of summary.services) {
    for (const port of service.ports) if (port.nodePort) ports.add(port.nodePort);
  }
  return [...ports].sort((a, b) => a - b);
}

/** A node's pods by state, in one pass (a large cluster's nodes hold 100 pods each). */
function countPods(pods: PodSummary[]): PodCounts {
  let ready = 0;
  let notReady = 0;
  let terminating = 0;
  for (const pod of pods) {
    if (pod.terminating) terminating++;
    else if (pod.ready) ready++;
    else notReady++;
  }
  return { ready, notReady, terminating };
}

/** A node's column: its pods (when drawn), and their count. */
interface PodGroup {
  name: string;
  pods: PodSummary[];
  counts: () => PodCounts;
  count: number;
}

const total = (c: PodCounts) => c.ready + c.notReady + c.terminating;

/**
 * The nodes' columns as `groupPods` makes them; for a summary that lists only some pods, from its
 * counts of every pod by node (the graph then draws counts only).
 */
function podGroups(summary: SimulationSummary): PodGroup[] {
  const omitted = summary.omittedPods;
  if (!omitted) {
    return groupPods(summary.nodes, summary.pods).map(([name, pods]) => ({
      name,
      pods,
      counts: () => countPods(pods),
      count: pods.length,
    }));
  }
  const zero = (): PodCounts => ({ ready: 0, notReady: 0, terminating: 0 });
  const groups = new Map<string, PodCounts>(summary.nodes.map((n) => [n.name, zero()]));
  const rest = zero();
  for (const [name, counts] of omitted.byNode) {
    const group = (name ? groups.get(name) : undefined) ?? rest;
    group.ready += counts.ready;
    group.notReady += counts.notReady;
    group.terminating += counts.terminating;
  }
  const out = [...groups];
  if (total(rest) > 0) out.push([unscheduled, rest]);
  return out.map(([name, counts]) => ({
    name,
    pods: [],
    counts: () => counts,
    count: total(counts),
  }));
}

const isSelected = (view: FlowView, kind: Selection['kind'], key: string) =>
  view.selection?.kind === kind && view.selection.key === key;

export function toFlow(summary: SimulationSummary | undefined, view: FlowView): Flow {
  if (!summary) return { nodes: [], edges: [], aggregated: false };
  const { columnWidth, serviceHeight, podHeight, nodeHeader, gap, padding, rowGap, topHeight } =
    layout;
  const nodes: FlowNode[] = [];
  const aggregatePods = (summary.omittedPods?.total ?? summary.pods.length) > maxDrawnPods;
  const groups = podGroups(summary);
  const columns = Math.max(groups.length, 3);
  const step = columnWidth + gap;
  const all = orderServices(summary);
  const services = all.slice(0, maxDrawnServices);

  // Top row: the clients, then one load balancer per LoadBalancer ingress address.
  const clientStep = layout.clientWidth + gap;
  view.clients.forEach((address, i) => {
    nodes.push({
      id: clientId(address),
      type: 'client',
      position: { x: i * clientStep, y: 0 },
      data: { address },
      width: layout.clientWidth,
      height: topHeight,
    });
  });
  const lbLeft = Math.ceil((view.clients.length * clientStep) / step) * step;
  let lbIndex = 0;
  for (const service of services) {
    for (const address of service.loadBalancerIngress) {
      nodes.push({
        id: loadBalancerId(address),
        type: 'loadBalancer',
        position: { x: lbLeft + lbIndex++ * step, y: 0 },
        data: { address, service: service.key },
        width: columnWidth,
        height: topHeight,
      });
    }
  }

  const servicesTop = topHeight + rowGap;
  services.forEach((service, i) => {
    nodes.push({
      id: serviceId(service.key),
      type: 'service',
      position: {
        x: (i % columns) * step,
        y: servicesTop + Math.floor(i / columns) * (serviceHeight + gap),
      },
      data: {
        service,
        selected: isSelected(view, 'service', service.key),
        coreDNS: service.key === 'kube-system/kube-dns',
      },
      width: columnWidth,
      height: serviceHeight,
    });
  });
  const drawn = services.length + (all.length > services.length ? 1 : 0);
  if (all.length > services.length) {
    const i = services.length;
    nodes.push({
      id: moreServicesId,
      type: 'moreServices',
      position: {
        x: (i % columns) * step,
        y: servicesTop + Math.floor(i / columns) * (serviceHeight + gap),
      },
      data: { count: all.length - services.length },
      width: columnWidth,
      height: serviceHeight,
    });
  }
  const rows = Math.max(1, Math.ceil(drawn / columns));
  const groupsTop = servicesTop + rows * (serviceHeight + gap) - gap + rowGap;

  const nodeByName = new Map(summary.nodes.map((n) => [n.name, n]));
  const nodePorts = nodePortsOf(summary);
  groups.forEach(({ name, pods, counts, count }, i) => {
    const id = clusterNodeId(name);
    const inner = aggregatePods ? layout.countHeight + gap : pods.length * (podHeight + gap);
    const data: ClusterNodeData = {
      node: nodeByName.get(name),
      name,
      podCount: count,
      proxyMode: summary.proxyMode,
      nodePorts,
      selected: isSelected(view, 'node', name),
      assumed: summary.defaultNodes,
    };
    nodes.push({
      id,
      type: 'clusterNode',
      position: { x: i * step, y: groupsTop },
      data,
      width: columnWidth,
      height: nodeHeader + inner + padding,
    });
    // The header is a node of its own, stacked above the edges that cross it to reach the pods
    // (React Flow lifts those edges above the group), so its text is never drawn over.
    nodes.push({
      id: nodeHeaderId(name),
      type: 'nodeHeader',
      parentId: id,
      extent: 'parent',
      position: { x: 0, y: 0 },
      zIndex: 2,
      data,
      width: columnWidth,
      height: nodeHeader,
    });
    if (aggregatePods) {
      nodes.push({
        id: podCountId(name),
        type: 'podCount',
        parentId: id,
        extent: 'parent',
        position: { x: padding, y: nodeHeader },
        data: counts(),
        width: columnWidth - 2 * padding,
        height: layout.countHeight,
      });
      return;
    }
    pods.forEach((pod, j) => {
      nodes.push({
        id: podId(pod.key),
        type: 'pod',
        parentId: id,
        extent: 'parent',
        position: { x: padding, y: nodeHeader + j * (podHeight + gap) },
        data: { pod, selected: isSelected(view, 'pod', pod.key) },
        width: columnWidth - 2 * padding,
        height: podHeight,
      });
    });
  });

  const { edges, externals } = toEdges(summary, services, nodes, aggregatePods);
  // Outside addresses join the top row, after the clients and the load balancers.
  externals.forEach((external, i) => {
    nodes.push({
      id: external.id,
      type: 'external',
      position: { x: lbLeft + (lbIndex + i) * step, y: 0 },
      data: { address: external.address, note: external.note },
      width: columnWidth,
      height: topHeight,
    });
  });
  return { nodes, edges, aggregated: aggregatePods || all.length > services.length };
}
