/**
 * The topology graph (React Flow), drawn from `toFlow(summary, view)`. It is refitted when a
 * scenario is loaded, not while the text is typed, so that it stays put.
 */
import { useMemo } from 'react';
import { Background, Controls, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  selectScenario,
  selectSelectService,
  selectSelectedService,
  selectSummary,
} from '../../state/selectors';
import { useAppStore } from '../../state/useAppStore';
import { TrafficLayer } from '../traffic/TrafficLayer';
import { nodeTypes } from './FlowNodes';
import { toFlow } from './toFlow';

export function ClusterGraph() {
  const summary = useAppStore(selectSummary);
  const selectedService = useAppStore(selectSelectedService);
  const selectService = useAppStore(selectSelectService);
  const scenario = useAppStore(selectScenario);
  const { nodes, edges } = useMemo(
    () => toFlow(summary, { selectedService }),
    [summary, selectedService],
  );
  return (
    <div className="graph" data-testid="graph" aria-label="Cluster graph">
      <ReactFlow
        key={scenario ?? 'your own'}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        panActivationKeyCode={null}
        onNodeClick={(_event, node) =>
          selectService(node.type === 'service' ? node.id.slice('service:'.length) : null)
        }
        onPaneClick={() => selectService(null)}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <TrafficLayer />
      </ReactFlow>
    </div>
  );
}
