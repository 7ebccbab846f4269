/**
 * The request bar over the graph: pick a source and a destination, send 1, 10 or 100 requests,
 * and control the animation (pause, step, speed). Below it, one line says what happened to the
 * selected request, as the engine traced it.
 */
import { useDeferredValue, useMemo } from 'react';
import {
  selectPlayback,
  selectRequestForm,
  selectSendRequests,
  selectSetPaused,
  selectSetPlaybackSpeed,
  selectSetRequestCount,
  selectSetRequestDestination,
  selectSetRequestSource,
  selectStepPlayback,
  selectSelectedService,
  selectSummary,
  selectTrafficStatus,
} from '../../state/selectors';
import {
  externalClients,
  playbackSpeeds,
  requestCounts,
  type PlaybackSpeed,
} from '../../state/trafficSlice';
import { useAppStore } from '../../state/useAppStore';
import {
  destinationId,
  destinationLimit,
  listDestinations,
  sourceId,
  toSourceOptions,
  type DestinationOption,
} from './requestOptions';
import { RequestResult } from './RequestResult';

const groupOrder = ['DNS name', 'ClusterIP', 'NodePort', 'LoadBalancer', 'externalIP'];

function grouped(options: DestinationOption[]): [string, DestinationOption[]][] {
  const groups = new Map<string, DestinationOption[]>();
  for (const option of options) {
    const group = groups.get(option.group);
    if (group) group.push(option);
    else groups.set(option.group, [option]);
  }
  return [...groups].sort((a, b) => groupOrder.indexOf(a[0]) - groupOrder.indexOf(b[0]));
}

export function RequestBar() {
  // Options are listed in a background render (a large cluster has thousands of addresses).
  const summary = useDeferredValue(useAppStore(selectSummary));
  const form = useAppStore(selectRequestForm);
  const status = useAppStore(selectTrafficStatus);
  const playback = useAppStore(selectPlayback);
  const setSource = useAppStore(selectSetRequestSource);
  const setDestination = useAppStore(selectSetRequestDestination);
  const setCount = useAppStore(selectSetRequestCount);
  const send = useAppStore(selectSendRequests);
  const setPaused = useAppStore(selectSetPaused);
  const setSpeed = useAppStore(selectSetPlaybackSpeed);
  const step = useAppStore(selectStepPlayback);

  const sourceKey = sourceId(form.source);
  const sources = useMemo(
    () => toSourceOptions(summary, externalClients, destinationLimit, sourceKey),
    [summary, sourceKey],
  );
  const focus = useAppStore(selectSelectedService);
  const keep = form.destination ? destinationId(form.destination) : undefined;
  const { options: destinations, omitted } = useMemo(
    () => listDestinations(summary, form.source, focus, destinationLimit, keep),
    [summary, form.source, focus, keep],
  );
  const groups = useMemo(() => grouped(destinations), [destinations]);
  const chosenId = form.destination ? destinationId(form.destination) : undefined;
  const chosen = destinations.find((d) => d.id === chosenId) ?? destinations[0];

  const sendCount = (count: (typeof requestCounts)[number]) => {
    if (!chosen) return;
    if (chosenId !== chosen.id) setDestination(chosen.destination);
    setCount(count);
    send();
  };

  return (
    <div className="request-bar" data-testid="request-bar">
      <form
        className="request-form"
        aria-label="Send requests"
        onSubmit={(event) => {
          event.preventDefault();
          sendCount(form.count);
        }}
      >
        <label>
          <span>From</span>
          <select
            data-testid="request-source"
            value={sourceId(form.source)}
            onChange={(event) => {
              const option = sources.find((s) => s.id === event.target.value);
              if (option) setSource(option.source);
            }}
          >
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>To</span>
          <select
            data-testid="request-destination"
            value={chosen?.id ?? ''}
            disabled={destinations.length === 0}
            onChange={(event) => {
              const option = destinations.find((d) => d.id === event.target.value);
              if (option) setDestination(option.destination);
            }}
          >
            {groups.map(([group, options]) => (
              <optgroup key={group} label={group}>
                {options.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {omitted > 0 ? (
            <span className="muted" data-testid="destinations-omitted">
              +{omitted} more: select a Service to list its addresses first
            </span>
          ) : null}
        </label>
        <div className="request-actions" role="group" aria-label="Send and play">
          {requestCounts.map((count) => (
            <button
              key={count}
              type="button"
              data-testid={`send-${count}`}
              disabled={!chosen}
              aria-busy={status === 'sending'}
              onClick={() => sendCount(count)}
            >
              Send {count}
            </button>
          ))}
          <button
            type="button"
            data-testid="playback-pause"
            aria-pressed={playback.paused}
            onClick={() => setPaused(!playback.paused)}
          >
            {playback.paused ? 'Play' : 'Pause'}
          </button>
          <button type="button" data-testid="playback-step" onClick={step}>
            Step
          </button>
          <label className="speed">
            <span className="visually-hidden">Speed</span>
            <select
              data-testid="playback-speed"
              aria-label="Animation speed"
              value={playback.speed}
              onChange={(event) => setSpeed(Number(event.target.value) as PlaybackSpeed)}
            >
              {playbackSpeeds.map((speed) => (
                <option key={speed} value={speed}>
                  {speed}×
                </option>
              ))}
            </select>
          </label>
        </div>
      </form>
      <RequestResult />
    </div>
  );
}
