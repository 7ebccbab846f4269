/**
 * The topology graph (React Flow), drawn from `toFlow(summary, view)`. It is fitted when a
 * scenario is loaded, not while the text is typed, so that it stays put. Items are focusable:
 * Enter selects one, Delete deletes a pod (a what-if, undone with Ctrl+Z), Escape clears.
 */
import { useDeferredValue, useMemo, type KeyboardEvent } from 'react';
import { Background, ControlButton, Controls, ReactFlow, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { deletePod } from '../../state/edits/whatIf';
import {
  selectApplyWhatIf,
  selectScenario,
  selectSelect,
  selectSelection,
  selectSummary,
} from '../../state/selectors';
import { externalClients } from '../../state/trafficSlice';
import type { Selection } from '../../state/viewSlice';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { useTheme } from '../toolbar/theme';
import { TrafficLayer } from '../traffic/TrafficLayer';
import { nodeTypes } from './FlowNodes';
import { FitOnLoad, useReadableFit } from './ReadableFit';
import { largeGraphNodes, withKnownHandles } from './flowHandles';
import { toFlow, type FlowNode } from './toFlow';
import { WhatIfBar } from './WhatIfBar';

/** The selection a graph node stands for (none for clients, load balancers, outside places). */
export function selectionOf(id: string): Selection | null {
  const colon = id.indexOf(':');
  const prefix = id.slice(0, colon);
  const key = id.slice(colon + 1);
  if (prefix === 'service') return { kind: 'service', key };
  if (prefix === 'pod') return { kind: 'pod', key };
  if ((prefix === 'node' || prefix === 'nodeheader') && key !== '(unscheduled)') {
    return { kind: 'node', key };
  }
  return null;
}

function focusedNodeId(event: KeyboardEvent): string | null {
  const element =
    event.target instanceof Element ? event.target.closest('.react-flow__node') : null;
  return element?.getAttribute('data-id') ?? null;
}

/** Zoom buttons, and a fit button that keeps text readable. */
function GraphControls({ nodes }: { nodes: FlowNode[] }) {
  const fit = useReadableFit(nodes);
  return (
    <Controls position="top-right" showInteractive={false} showFitView={false}>
      <ControlButton
        onClick={fit}
        title="Fit the graph (text stays readable)"
        aria-label="Fit the graph"
      >
        ⤢
      </ControlButton>
    </Controls>
  );
}

export function ClusterGraph() {
  const store = useAppStoreApi();
  // A new summary is drawn in a background render (a large cluster's takes a while), so the
  // page stays responsive; the graph may lag the text by a frame.
  const summary = useDeferredValue(useAppStore(selectSummary));
  const selection = useAppStore(selectSelection);
  const select = useAppStore(selectSelect);
  const applyWhatIf = useAppStore(selectApplyWhatIf);
  const scenario = useAppStore(selectScenario);
  const theme = useTheme();
  const flow = useMemo(
    () => withKnownHandles(toFlow(summary, { selection, clients: externalClients })),
    [summary, selection],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      select(null);
      return;
    }
    const id = focusedNodeId(event);
    if (!id) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      select(selectionOf(id));
    } else if (event.key === 'Delete' && id.startsWith('pod:')) {
      event.preventDefault();
      const pod = summary?.pods.find((p) => `pod:${p.key}` === id);
      if (pod) applyWhatIf('Delete pod', deletePod(store.getState().text, pod));
    }
  };

  return (
    <div
      className={`graph${flow.aggregated ? ' is-aggregated' : ''}`}
      data-testid="graph"
      aria-label="Cluster graph"
      onKeyDown={onKeyDown}
    >
      <WhatIfBar />
      <ReactFlow
        key={scenario ?? 'your own'}
        nodes={flow.nodes}
        edges={flow.edges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        panActivationKeyCode={null}
        panOnScroll
        onlyRenderVisibleElements={flow.nodes.length > largeGraphNodes}
        onNodeClick={(_event, node: Node) => select(selectionOf(node.id))}
        onPaneClick={() => select(null)}
      >
        <Background gap={24} />
        <GraphControls nodes={flow.nodes} />
        <FitOnLoad nodes={flow.nodes} />
        <TrafficLayer />
      </ReactFlow>
    </div>
  );
}
