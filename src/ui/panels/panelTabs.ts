/**
 * The panels beside the graph, one tab each. To add a panel: write its component in this folder
 * and add one line here; the tab bar, keyboard handling and the `?panel=` link follow from it.
 */
import type { ComponentType } from 'react';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { DnsPanel } from './DnsPanel';
import { EndpointsPanel } from './EndpointsPanel';
import { RulesPanel } from './rules/RulesPanel';
import { ServicesPanel } from './ServicesPanel';
import { TracePanel } from './TracePanel';
import { TerminalPanel } from '../terminal/TerminalPanel';

export interface PanelTab {
  /** Stable id, used in links (`?panel=services`) and test ids. */
  id: string;
  label: string;
  component: ComponentType;
}

// prettier-ignore
export const panelTabs: readonly PanelTab[] = [
  { id: 'services', label: 'Services', component: ServicesPanel },
  { id: 'endpoints', label: 'Endpoints', component: EndpointsPanel },
  { id: 'dns', label: 'DNS', component: DnsPanel },
  { id: 'rules', label: 'Rules', component: RulesPanel },
  { id: 'problems', label: 'Problems', component: DiagnosticsPanel },
  { id: 'trace', label: 'Trace', component: TracePanel },
  { id: 'terminal', label: 'Terminal', component: TerminalPanel },
];
