/**
 * Draws one frame of the packet layer on a canvas: the places the graph does not draw, the
 * selected request's path, the packets in flight (one fill per colour, so hundreds stay cheap),
 * the notes on the places they pass, drops and rejects, and the per-pod counters. Boxes and
 * paths are drawn in flow coordinates; text and badges in screen pixels, to stay readable.
 */
import type { LegPhase, TracedRequest } from '../../worker/queries/requests';
import type { Anchor, AnchorMap, Point } from './anchors';
import type { CalloutKind, PacketPlayer } from './packetPlayer';

export interface Palette {
  request: string;
  response: string;
  dns: string;
  drop: string;
  reject: string;
  text: string;
  background: string;
  border: string;
  /** Size of the packets (1; larger when presenting: `--packet-scale` on an ancestor). */
  scale: number;
}

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    request: v('--accent', '#326ce5'),
    response: v('--ok', '#1a7f37'),
    dns: v('--packet-dns', '#8250df'),
    drop: v('--bad', '#cf222e'),
    reject: v('--warn', '#9a6700'),
    text: v('--fg', '#1b1f24'),
    background: v('--bg', '#ffffff'),
    border: v('--border', '#d0d7de'),
    scale: Number(v('--packet-scale', '1')) || 1,
  };
}

export interface FrameView {
  width: number;
  height: number;
  dpr: number;
  /** React Flow's viewport: translate x, translate y, zoom. */
  transform: readonly [number, number, number];
}

export interface FrameContent {
  player: PacketPlayer;
  anchors: AnchorMap;
  palette: Palette;
  /** The selected request: its path is drawn, and its packet stands out. */
  selected: TracedRequest | undefined;
  selectedSeq: number;
  /** No motion: the selected request's path with every note, and the batch's final counters. */
  still: boolean;
}

function phaseColor(p: Palette, phase: LegPhase, stop: boolean): string {
  if (stop) return p.reject;
  if (phase === 'dns-query' || phase === 'dns-answer') return p.dns;
  return phase === 'response' ? p.response : p.request;
}

function calloutColor(p: Palette, kind: CalloutKind): string {
  if (kind === 'drop') return p.drop;
  if (kind === 'reject') return p.reject;
  return kind === 'dns' ? p.dns : p.request;
}

const ease = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);

function toScreen(view: FrameView, point: Point): Point {
  const [tx, ty, zoom] = view.transform;
  return { x: point.x * zoom + tx, y: point.y * zoom + ty };
}

/** A note in a box, cut with an ellipsis to `maxWidth` pixels so that neighbours' notes do not overlap. */
function label(
  ctx: CanvasRenderingContext2D,
  p: Palette,
  at: Point,
  text: string,
  color: string,
  maxWidth: number,
): void {
  ctx.font = '600 12px ui-monospace, "DejaVu Sans Mono", Menlo, monospace';
  let shown = text;
  if (ctx.measureText(shown).width + 12 > maxWidth) {
    const charWidth = ctx.measureText('M').width || 7;
    const fits = Math.max(4, Math.floor((maxWidth - 12) / charWidth) - 1);
    shown = `${text.slice(0, fits)}…`;
  }
  const width = ctx.measureText(shown).width + 12;
  const x = Math.max(4, at.x - width / 2);
  const y = at.y;
  ctx.fillStyle = p.background;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(x, y, width, 20, 5);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = p.text;
  ctx.fillText(shown, x + 6, y + 14);
}

function drawVirtualPlaces(ctx: CanvasRenderingContext2D, c: FrameContent): void {
  const p = c.palette;
  for (const a of c.anchors.virtualAnchors()) {
    ctx.fillStyle = p.background;
    ctx.strokeStyle = p.border;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.roundRect(a.x - a.width / 2, a.y - a.height / 2, a.width, a.height, 8);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = p.text;
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(a.label, a.x, a.y + 5, a.width - 10);
    ctx.textAlign = 'start';
  }
}

function drawPath(
  ctx: CanvasRenderingContext2D,
  c: FrameContent,
  request: TracedRequest,
  zoom: number,
): void {
  ctx.lineWidth = 3 / zoom;
  for (const leg of request.legs) {
    const from = c.anchors.get(leg.from);
    const to = c.anchors.get(leg.to);
    ctx.strokeStyle = phaseColor(c.palette, leg.phase, false);
    ctx.globalAlpha = c.still ? 0.9 : 0.35;
    ctx.setLineDash(
      leg.phase === 'response' || leg.phase === 'dns-answer' ? [8 / zoom, 6 / zoom] : [],
    );
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    if (c.still) {
      const angle = Math.atan2(to.y - from.y, to.x - from.x);
      const mx = (from.x + to.x) / 2;
      const my = (from.y + to.y) / 2;
      const s = 9 / zoom;
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(mx + Math.cos(angle) * s, my + Math.sin(angle) * s);
      ctx.lineTo(mx + Math.cos(angle + 2.5) * s, my + Math.sin(angle + 2.5) * s);
      ctx.lineTo(mx + Math.cos(angle - 2.5) * s, my + Math.sin(angle - 2.5) * s);
      ctx.closePath();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.fill();
    }
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

function drawPackets(ctx: CanvasRenderingContext2D, c: FrameContent, zoom: number): void {
  const groups = new Map<string, Point[]>();
  let highlighted: Point | undefined;
  for (const { flight, leg, progress } of c.player.inFlight()) {
    const from = c.anchors.get(leg.from);
    const to = c.anchors.get(leg.to);
    const t = ease(progress);
    const point = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
    const color = phaseColor(
      c.palette,
      leg.phase,
      flight.request.verdict === 'REJECT' && leg.phase === 'response',
    );
    const list = groups.get(color) ?? [];
    list.push(point);
    groups.set(color, list);
    if (flight.seq === c.selectedSeq && flight.request === c.selected) highlighted = point;
  }
  const r = Math.max(4, 6 / Math.sqrt(zoom)) * c.palette.scale;
  for (const [color, points] of groups) {
    ctx.fillStyle = color;
    ctx.beginPath();
    for (const pt of points) {
      ctx.moveTo(pt.x + r, pt.y);
      ctx.arc(pt.x, pt.y, r, 0, Math.PI * 2);
    }
    ctx.fill();
  }
  if (highlighted) {
    ctx.strokeStyle = c.palette.text;
    ctx.lineWidth = 2.5 / zoom;
    ctx.beginPath();
    ctx.arc(highlighted.x, highlighted.y, r * 1.9, 0, Math.PI * 2);
    ctx.stroke();
  }
}

function drawCross(ctx: CanvasRenderingContext2D, at: Point, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(at.x - 9, at.y - 9);
  ctx.lineTo(at.x + 9, at.y + 9);
  ctx.moveTo(at.x + 9, at.y - 9);
  ctx.lineTo(at.x - 9, at.y + 9);
  ctx.stroke();
}

function drawScreenMarks(ctx: CanvasRenderingContext2D, view: FrameView, c: FrameContent): void {
  const p = c.palette;
  const zoom = view.transform[2];
  const notes: { at: Anchor; text: string; kind: CalloutKind }[] = [];
  if (c.still && c.selected) {
    for (const leg of c.selected.legs) {
      if (leg.note)
        notes.push({
          at: c.anchors.get(leg.to),
          text: leg.note,
          kind: leg.stop === 'DROP' ? 'drop' : leg.stop === 'REJECT' ? 'reject' : 'note',
        });
    }
  } else {
    for (const callout of c.player.callouts.values()) {
      notes.push({ at: c.anchors.get(callout.place), text: callout.text, kind: callout.kind });
    }
  }
  const used = new Map<string, number>();
  for (const note of notes) {
    const anchor = note.at;
    const screen = toScreen(view, anchor);
    const key = `${Math.round(screen.x)}:${Math.round(screen.y)}`;
    const stack = used.get(key) ?? 0;
    used.set(key, stack + 1);
    const color = calloutColor(p, note.kind);
    if (note.kind === 'drop' || note.kind === 'reject') drawCross(ctx, screen, color);
    label(
      ctx,
      p,
      { x: screen.x, y: screen.y - 34 - stack * 24 - (anchor.height * zoom) / 4 },
      note.text,
      color,
      Math.max(150, anchor.width * zoom + 16),
    );
  }
  ctx.font = '700 12px system-ui, sans-serif';
  for (const { place, count } of c.player.counters.values()) {
    const anchor = c.anchors.get(place);
    const corner = toScreen(view, {
      x: anchor.x + anchor.width / 2,
      y: anchor.y - anchor.height / 2,
    });
    const text = String(count);
    const w = Math.max(22, ctx.measureText(text).width + 12);
    ctx.fillStyle = p.request;
    ctx.beginPath();
    ctx.roundRect(corner.x - w + 4, corner.y - 10, w, 20, 10);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.fillText(text, corner.x - w / 2 + 4, corner.y + 4);
    ctx.textAlign = 'start';
  }
}

export function drawFrame(ctx: CanvasRenderingContext2D, view: FrameView, c: FrameContent): void {
  const { dpr } = view;
  const [tx, ty, zoom] = view.transform;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
  if (c.selected) drawPath(ctx, c, c.selected, zoom);
  drawVirtualPlaces(ctx, c);
  if (!c.still) drawPackets(ctx, c, zoom);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawScreenMarks(ctx, view, c);
}
