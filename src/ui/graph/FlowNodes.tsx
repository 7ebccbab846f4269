/** How each kind of graph node is drawn: Services, Nodes (groups), pods, outside addresses. */
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import { formatClusterIP, formatServicePort } from '../panels/format';
import type { ClusterFlowNode, ExternalFlowNode, PodFlowNode, ServiceFlowNode } from './toFlow';

/** Shortens a long name in the middle, where generated names (pod-template-hash) repeat. */
function shortName(name: string, max = 16): string {
  if (name.length <= max) return name;
  const tail = Math.ceil((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const { service, selected } = data;
  return (
    <div
      className={`flow-service${selected ? ' is-selected' : ''}`}
      data-testid="graph-service"
      data-service={service.key}
    >
      <div className="flow-title" title={service.key}>
        {shortName(service.name)}
      </div>
      <div className="flow-line">
        <code>{formatClusterIP(service)}</code>
      </div>
      <div className="flow-line">
        <code>
          {service.type === 'ExternalName'
            ? `→ ${service.externalName ?? ''}`
            : service.ports.map(formatServicePort).join(',')}
        </code>{' '}
        <span className="flow-kind">{service.type}</span>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

function ClusterNode({ data }: NodeProps<ClusterFlowNode>) {
  const { node } = data;
  return (
    <div className="flow-node" data-testid="graph-node" data-node={node?.name ?? ''}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="flow-title">{node ? node.name : 'Not scheduled'}</div>
      <div className="flow-line">
        {node ? <code>{node.internalIPs.join(', ')}</code> : <span>pods no node runs</span>}
      </div>
    </div>
  );
}

function PodNode({ data }: NodeProps<PodFlowNode>) {
  const { pod } = data;
  const state = pod.terminating ? 'terminating' : pod.ready ? 'ready' : 'not ready';
  return (
    <div
      className={`flow-pod pod-${state.replace(' ', '-')}`}
      data-testid="graph-pod"
      data-pod={pod.key}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="flow-title" title={pod.key}>
        {shortName(pod.name)}
      </div>
      <div className="flow-line">
        <code>{pod.podIPs.join(', ') || 'no IP'}</code> <span className="flow-state">{state}</span>
      </div>
    </div>
  );
}

function ExternalNode({ data }: NodeProps<ExternalFlowNode>) {
  return (
    <div className="flow-external" data-testid="graph-external">
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="flow-title">Outside the cluster</div>
      <code>{data.address}</code>
    </div>
  );
}

export const nodeTypes: NodeTypes = {
  service: ServiceNode,
  clusterNode: ClusterNode,
  pod: PodNode,
  external: ExternalNode,
};
