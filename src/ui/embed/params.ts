/**
 * The embed parameters of `?embed=1` (documented in the README): the document they name goes
 * through the one repair step, `restore` (source 'embed'), like a link or a file; the options that
 * only shape the embed are checked here, each falling back to its default with a note.
 */
import type { ProxyMode } from '../../engine/model';
import { targetVias, type RequestTarget, type TargetVia } from '../../lessons/requestTarget';
import { defaultScenarioName, findScenario } from '../../scenarios';
import type { DocumentState } from '../../state/documentSlice';
import type { EmbedView } from '../../state/embedSlice';
import { setProxyMode } from '../../state/edits/whatIf';
import { restore } from '../../state/share/restore';
import { currentVersion } from '../../state/share/sharedState';
import type { Selection } from '../../state/viewSlice';
import type { ThemeChoice } from '../toolbar/theme';

export const autoplayCounts = [0, 1, 10, 100] as const;
export type AutoplayCount = (typeof autoplayCounts)[number];

export interface EmbedOptions extends EmbedView {
  theme: ThemeChoice | undefined;
  /** Requests sent once the cluster is simulated (0: none). */
  autoplay: AutoplayCount;
  /** The request autoplay sends (default: the first Service written in the YAML). */
  request: RequestTarget | undefined;
  /** Origins whose messages the postMessage API listens to (exact `scheme://host[:port]`). */
  origins: string[];
}

export interface EmbedStart {
  document: DocumentState;
  selection: Selection | null;
  panel: string;
  options: EmbedOptions;
  /** What was ignored or repaired, in words. */
  notes: string[];
}

export interface EmbedContext {
  /** The embed's own origin, for `origins=self`. */
  selfOrigin: string;
  /** The panel tab ids the page has. */
  panelIds: readonly string[];
}

const modes: readonly ProxyMode[] = ['iptables', 'ipvs', 'nftables'];
const truthy = new Set(['1', 'true', 'yes', 'on', '']);
const falsy = new Set(['0', 'false', 'no', 'off']);
const embedId = /^[A-Za-z0-9_-]{1,40}$/;
const objectName = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const objectKey = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function flag(params: URLSearchParams, name: string, fallback: boolean, notes: string[]): boolean {
  const value = params.get(name);
  if (value === null) return fallback;
  const v = value.toLowerCase();
  if (truthy.has(v)) return true;
  if (falsy.has(v)) return false;
  notes.push(`${name}=${value} is not 1 or 0.`);
  return fallback;
}

/** An origin exactly as a browser writes it (`https://docs.example.com`), or `self`. */
export function toOrigin(value: string, selfOrigin: string): string | undefined {
  if (value === 'self') return selfOrigin;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin === value.replace(/\/$/, '') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function readOrigins(params: URLSearchParams, selfOrigin: string, notes: string[]): string[] {
  const origins: string[] = [];
  for (const value of (params.get('origins') ?? '').split(/[\s,]+/).filter(Boolean)) {
    const origin = toOrigin(value, selfOrigin);
    if (origin) origins.push(origin);
    else notes.push(`origins: "${value}" is not an origin (scheme://host[:port]) or "self".`);
  }
  return [...new Set(origins)];
}

function readPanels(
  params: URLSearchParams,
  panelIds: readonly string[],
  notes: string[],
): string[] {
  const panels: string[] = [];
  for (const id of (params.get('panels') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    if (id === 'none') continue;
    if (panelIds.includes(id)) panels.push(id);
    else notes.push(`panels: there is no panel "${id}".`);
  }
  return [...new Set(panels)];
}

function readHeight(params: URLSearchParams, notes: string[]): number | undefined {
  const value = params.get('height');
  if (value === null) return undefined;
  const height = Number(value.replace(/px$/, ''));
  if (Number.isInteger(height) && height >= 200 && height <= 4000) return height;
  notes.push(`height=${value} is not a whole number of pixels from 200 to 4000.`);
  return undefined;
}

function readTheme(params: URLSearchParams, notes: string[]): ThemeChoice | undefined {
  const value = params.get('theme');
  if (value === null) return undefined;
  if (value === 'light' || value === 'dark') return value;
  if (value === 'auto' || value === 'system') return 'system';
  notes.push(`theme=${value} is not light, dark or auto.`);
  return undefined;
}

function readAutoplay(params: URLSearchParams, notes: string[]): AutoplayCount {
  const value = params.get('autoplay');
  if (value === null) return 0;
  if (value === '' || value === 'true') return 1;
  const count = autoplayCounts.find((c) => String(c) === value);
  if (count !== undefined) return count;
  notes.push(`autoplay=${value} is not 1, 10 or 100; 1 request is sent.`);
  return 1;
}

function readRequest(params: URLSearchParams, notes: string[]): RequestTarget | undefined {
  const service = params.get('to');
  if (service === null) return undefined;
  if (!objectKey.test(service)) {
    notes.push(`to=${service} is not a Service name.`);
    return undefined;
  }
  const target: RequestTarget = { service };
  const from = params.get('from');
  if (from !== null) {
    if (from === 'external' || objectKey.test(from) || /^\d{1,3}(\.\d{1,3}){3}$/.test(from)) {
      target.from = from;
    } else notes.push(`from=${from} is not "external", an address or a pod.`);
  }
  const via = params.get('via');
  if (via !== null) {
    const known = targetVias.find((v): v is TargetVia => v === via);
    if (known) target.via = known;
    else notes.push(`via=${via} is not one of ${targetVias.join(', ')}.`);
  }
  const node = params.get('via-node');
  if (node !== null && objectName.test(node)) target.node = node;
  return target;
}

/** Reads `?embed=1` and its parameters; null when the page is not embedded. */
export function readEmbedParams(search: string, context: EmbedContext): EmbedStart | null {
  const params = new URLSearchParams(search);
  if (!params.has('embed') || !truthy.has((params.get('embed') ?? '').toLowerCase())) return null;
  const notes: string[] = [];

  const named = params.get('scenario');
  const scenario = findScenario(named) ?? findScenario(defaultScenarioName);
  if (named !== null && !findScenario(named)) notes.push(`There is no scenario "${named}".`);
  let text = scenario?.text ?? '';
  const mode = params.get('mode');
  if (mode !== null) {
    const known = modes.find((m) => m === mode);
    // iptables is the default: a text without a KubeProxyConfiguration needs no edit for it.
    if (known && (known !== 'iptables' || text.includes('KubeProxyConfiguration'))) {
      const edited = setProxyMode(text, known);
      if (edited.ok) text = edited.text;
    } else if (!known) notes.push(`mode=${mode} is not iptables, ipvs or nftables.`);
  }
  const panels = readPanels(params, context.panelIds, notes);
  const node = params.get('node');

  const restored = restore(
    {
      text,
      scenario: scenario?.name ?? null,
      selection: node === null ? null : { kind: 'node', key: node },
      ...(panels[0] ? { panel: panels[0] } : {}),
    },
    currentVersion,
    'embed',
  );
  if (!restored.ok) {
    notes.push(restored.message);
    return null;
  }
  notes.push(...restored.notes);
  const { state } = restored;
  const id = params.get('id');
  if (id !== null && !embedId.test(id))
    notes.push(`id=${id} is not 1 to 40 letters, digits, - or _.`);
  return {
    document: { text: state.text, scenario: state.scenario, seed: state.seed, admitted: false },
    selection: state.selection,
    panel: state.panel,
    notes,
    options: {
      panels,
      editor: flag(params, 'editor', false, notes),
      readOnly: flag(params, 'readonly', false, notes),
      height: readHeight(params, notes),
      id: id !== null && embedId.test(id) ? id : undefined,
      theme: readTheme(params, notes),
      autoplay: readAutoplay(params, notes),
      request: readRequest(params, notes),
      origins: readOrigins(params, context.selfOrigin, notes),
    },
  };
}
