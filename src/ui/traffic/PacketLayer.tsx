/**
 * The packet layer: one canvas over the graph, drawn by requestAnimationFrame outside React's
 * render loop. It follows the store (a new batch launches its packets; speed, pause, step and
 * the selected request) and React Flow (node positions and the viewport, through its public
 * API), and sleeps when nothing moves. Under prefers-reduced-motion nothing moves: the selected
 * request's path is drawn still, with every note, and the batch's final counters.
 */
import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useAppStoreApi } from '../../state/useAppStore';
import type { AppState } from '../../state/store';
import { AnchorMap } from './anchors';
import { drawFrame, readPalette, type Palette } from './drawPackets';
import { legMs, PacketPlayer } from './packetPlayer';

const reducedMotionQuery = '(prefers-reduced-motion: reduce)';

export function PacketLayer() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const flowStore = useStoreApi();
  const appStore = useAppStoreApi();

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const player = new PacketPlayer();
    const anchors = new AnchorMap({
      getInternalNode: (id) => flowStore.getState().nodeLookup.get(id),
      getNodes: () => [...flowStore.getState().nodeLookup.values()],
    });
    const motion = window.matchMedia(reducedMotionQuery);
    let still = motion.matches;
    let palette: Palette = readPalette(canvas);
    let frame = 0;
    let last = 0;
    let size = { width: 0, height: 0, dpr: 1 };
    let reported = -1;
    let reportedAt = 0;

    const report = (now: number) => {
      const count = player.inFlight().length;
      if (count === reported || now - reportedAt < 200) return;
      reported = count;
      reportedAt = now;
      canvas.dataset.inFlight = String(count);
    };

    const draw = () => {
      const state = appStore.getState();
      const selected = state.batch?.requests[state.selectedRequest];
      drawFrame(
        ctx,
        { ...size, transform: flowStore.getState().transform },
        { player, anchors, palette, selected, selectedSeq: state.batchSeq, still },
      );
    };

    const tick = (now: number) => {
      frame = 0;
      const { speed, paused } = appStore.getState().playback;
      const dt = last === 0 ? 0 : Math.min(100, now - last);
      last = now;
      if (!paused) player.advance(dt * speed);
      draw();
      report(now);
      if (player.active && !paused) frame = requestAnimationFrame(tick);
      else last = 0;
    };

    /** Draws the next frame, and keeps animating while packets fly. */
    const wake = () => {
      if (frame === 0) frame = requestAnimationFrame(tick);
    };

    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      size = { width: rect.width, height: rect.height, dpr };
      canvas.width = Math.round(rect.width * dpr);
      canvas.height = Math.round(rect.height * dpr);
      wake();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);

    const start = (state: AppState) => {
      const { batch, batchSeq } = state;
      if (!batch) return;
      palette = readPalette(canvas);
      if (still) player.settle(batch, batchSeq);
      else player.launch(batch, batchSeq);
      wake();
    };
    const stopApp = appStore.subscribe((state, previous) => {
      if (state.batchSeq !== previous.batchSeq) start(state);
      else if (state.batch !== previous.batch && state.batch && !player.active)
        player.settle(state.batch, state.batchSeq);
      if (state.playback.stepSeq !== previous.playback.stepSeq) player.advance(legMs);
      if (
        state.batch !== previous.batch ||
        state.selectedRequest !== previous.selectedRequest ||
        state.playback !== previous.playback
      ) {
        wake();
      }
    });
    const stopFlow = flowStore.subscribe((state, previous) => {
      if (state.nodeLookup !== previous.nodeLookup) anchors.reset();
      if (state.transform !== previous.transform || state.nodeLookup !== previous.nodeLookup)
        wake();
    });
    const onMotion = () => {
      still = motion.matches;
      player.clear();
      const { batch, batchSeq } = appStore.getState();
      if (batch) player.settle(batch, batchSeq);
      wake();
    };
    motion.addEventListener('change', onMotion);
    const onTheme = () => {
      palette = readPalette(canvas);
      wake();
    };
    window.addEventListener('themechange', onTheme);
    // A batch already on screen (the graph was remounted) shows its final counters.
    const { batch, batchSeq } = appStore.getState();
    if (batch) player.settle(batch, batchSeq);
    resize();

    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      stopApp();
      stopFlow();
      motion.removeEventListener('change', onMotion);
      window.removeEventListener('themechange', onTheme);
    };
  }, [flowStore, appStore]);

  return (
    <canvas
      ref={canvasRef}
      className="packet-layer"
      data-testid="packet-layer"
      aria-hidden="true"
    />
  );
}
