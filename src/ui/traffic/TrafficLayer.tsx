/**
 * Everything traffic adds to the graph, mounted as one child of <ReactFlow>: the packet canvas
 * over the flow, and the traffic dock (request bar, result, distribution) docked under the flow,
 * in the graph's own column, so that it never covers a node.
 */
import { createPortal } from 'react-dom';
import { useStore } from '@xyflow/react';
import { Distribution } from './Distribution';
import { PacketLayer } from './PacketLayer';
import { RequestBar } from './RequestBar';
import './traffic.css';

export function TrafficLayer() {
  const flowElement = useStore((s) => s.domNode);
  const column = flowElement?.parentElement;
  return (
    <>
      <PacketLayer />
      {column
        ? createPortal(
            <section className="traffic-dock" aria-label="Requests" data-testid="traffic-dock">
              <RequestBar />
              <Distribution />
            </section>,
            column,
          )
        : null}
    </>
  );
}
