/**
 * How each kind of graph node is drawn. Every name, label and address is rendered as React text
 * (never as HTML), so markup in the YAML shows as the characters it is.
 */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { formatClusterIP, formatServicePort } from '../panels/format';
import type {
  ClientFlowNode,
  ClusterFlowNode,
  NodeHeaderFlowNode,
  ExternalFlowNode,
  LoadBalancerFlowNode,
  MoreServicesFlowNode,
  PodCountFlowNode,
  PodFlowNode,
  ServiceFlowNode,
} from './flowTypes';

/** Shortens a long name in the middle, where generated names (pod-template-hash) repeat. */
export function shortName(name: string, max = 17): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

/** The labels worth showing on a pod: not the pod-template-hash the controllers add. */
export function keyLabels(labels: Record<string, string>, max = 2): string {
  const shown = Object.entries(labels).filter(([k]) => k !== 'pod-template-hash');
  const text = shown
    .slice(0, max)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return shown.length > max ? `${text} +${shown.length - max}` : text;
}

const target = <Handle type="target" position={Position.Top} isConnectable={false} />;
const source = <Handle type="source" position={Position.Bottom} isConnectable={false} />;

const podsLabel = (n: number) => (n === 1 ? '1 pod' : `${n} pods`);

function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const { service, selected, coreDNS } = data;
  const ports = service.ports.map(formatServicePort).join(', ');
  return (
    <div
      className={`flow-service${selected ? ' is-selected' : ''}`}
      data-testid="graph-service"
      data-service={service.key}
    >
      {target}
      <div className="flow-title" title={service.key}>
        {shortName(service.name)}
        {coreDNS ? <span className="flow-tag">CoreDNS</span> : null}
        {service.externalTrafficPolicy === 'Local' ? (
          <span className="flow-tag" title="externalTrafficPolicy: Local">
            Local
          </span>
        ) : null}
      </div>
      <div className="flow-line">
        <span className="flow-kind">{service.type}</span>{' '}
        {service.type === 'ExternalName' ? null : <code>{formatClusterIP(service)}</code>}
      </div>
      <div className="flow-line" title={ports}>
        <code>{service.type === 'ExternalName' ? `→ ${service.externalName ?? ''}` : ports}</code>
      </div>
      {source}
    </div>
  );
}

/** A node's frame: its pods sit inside it; its header is a node of its own (NodeHeader). */
function ClusterNode({ data }: NodeProps<ClusterFlowNode>) {
  const { node, selected } = data;
  return (
    <div
      className={`flow-node${node?.unschedulable ? ' is-cordoned' : ''}${selected ? ' is-selected' : ''}`}
    >
      {target}
    </div>
  );
}

/** Why a node is tagged `default`: the input gave no Node, so the engine assumed the cluster's. */
const assumedNodeTitle =
  'No Node in the YAML: the playground assumes three nodes, as a fresh kubeadm cluster has. Add Node objects to set your own.';

/**
 * A node's name, InternalIP, kube-proxy mode and NodePorts, above the edges crossing it; its pod
 * CIDR (where its pods' IPs come from) on the address line's tooltip.
 */
function NodeHeader({ data }: NodeProps<NodeHeaderFlowNode>) {
  const { node, name, proxyMode, nodePorts, podCount, selected, assumed } = data;
  const ports =
    nodePorts.length > 4
      ? `${nodePorts.slice(0, 4).join(', ')} +${nodePorts.length - 4}`
      : nodePorts.join(', ');
  return (
    <div
      className={`flow-node-header${node?.unschedulable ? ' is-cordoned' : ''}${selected ? ' is-selected' : ''}`}
      data-testid="graph-node"
      data-node={node?.name ?? ''}
    >
      <div className="flow-title" title={name}>
        {node ? shortName(name) : 'Not scheduled'}
        {node?.unschedulable ? <span className="flow-tag tag-warn">cordoned</span> : null}
        {node && assumed ? (
          <span className="flow-tag tag-muted" title={assumedNodeTitle} data-testid="assumed-node">
            default
          </span>
        ) : null}
        <span className="flow-count">{podsLabel(podCount)}</span>
      </div>
      {node ? (
        <>
          <div
            className="flow-line"
            title={node.podCIDRs.length ? `pod CIDR ${node.podCIDRs.join(', ')}` : 'no pod CIDR'}
          >
            <code>{node.internalIPs.join(', ') || 'no InternalIP'}</code>
          </div>
          <div className="flow-line flow-muted">kube-proxy: {proxyMode}</div>
          <div className="flow-line flow-muted" title={nodePorts.join(', ')}>
            NodePorts: {ports || 'none'}
          </div>
        </>
      ) : (
        <div className="flow-line flow-muted">pods no node runs</div>
      )}
    </div>
  );
}

function podState(pod: PodFlowNode['data']['pod']): string {
  if (pod.terminating) return 'terminating';
  return pod.ready ? 'ready' : 'not ready';
}

function PodNode({ data }: NodeProps<PodFlowNode>) {
  const { pod, selected } = data;
  const state = podState(pod);
  const labels = keyLabels(pod.labels);
  return (
    <div
      className={`flow-pod pod-${state.replace(' ', '-')}${selected ? ' is-selected' : ''}`}
      data-testid="graph-pod"
      data-pod={pod.key}
      data-ip={pod.podIPs[0] ?? ''}
      data-node={pod.nodeName ?? ''}
      data-state={state}
    >
      {target}
      <div className="flow-title" title={pod.key}>
        {shortName(pod.name)}
      </div>
      <div className="flow-line">
        <code>{pod.podIPs.join(', ') || 'no IP'}</code>{' '}
        <span className={`flow-state state-${state.replace(' ', '-')}`}>{state}</span>
      </div>
      <div className="flow-line flow-muted" title={labels}>
        {labels || 'no labels'}
      </div>
    </div>
  );
}

function PodCountNode({ data }: NodeProps<PodCountFlowNode>) {
  return (
    <div className="flow-pod flow-count-box" data-testid="graph-pod-count">
      {target}
      <div className="flow-title">{podsLabel(data.ready + data.notReady + data.terminating)}</div>
      <div className="flow-line">
        <span className="state-ready">{data.ready} ready</span>
        {data.notReady ? (
          <span className="state-not-ready"> · {data.notReady} not ready</span>
        ) : null}
        {data.terminating ? (
          <span className="state-terminating"> · {data.terminating} terminating</span>
        ) : null}
      </div>
      <div className="flow-line flow-muted">counted: too many to draw</div>
    </div>
  );
}

function ExternalNode({ data }: NodeProps<ExternalFlowNode>) {
  return (
    <div className="flow-external" data-testid="graph-external" data-address={data.address}>
      {target}
      <div className="flow-title" title={data.address}>
        {shortName(data.address, 26)}
      </div>
      <div className="flow-line flow-muted">{data.note}</div>
    </div>
  );
}

function ClientNode({ data }: NodeProps<ClientFlowNode>) {
  return (
    <div className="flow-client" data-testid="graph-client">
      <div className="flow-title">Client</div>
      <code>{data.address}</code>
      {source}
    </div>
  );
}

function LoadBalancerNode({ data }: NodeProps<LoadBalancerFlowNode>) {
  return (
    <div className="flow-lb" data-testid="graph-load-balancer" data-address={data.address}>
      {target}
      <div className="flow-title">Load balancer</div>
      <code>{data.address}</code>
      {source}
    </div>
  );
}

function MoreServicesNode({ data }: NodeProps<MoreServicesFlowNode>) {
  return (
    <div className="flow-service flow-more" data-testid="graph-more-services">
      <div className="flow-title">+{data.count.toLocaleString('en-US')} more Services</div>
      <div className="flow-line flow-muted">listed in the Services panel</div>
    </div>
  );
}

export const nodeTypes: NodeTypes = {
  service: ServiceNode,
  clusterNode: ClusterNode,
  nodeHeader: NodeHeader,
  pod: PodNode,
  podCount: PodCountNode,
  external: ExternalNode,
  client: ClientNode,
  loadBalancer: LoadBalancerNode,
  moreServices: MoreServicesNode,
};
