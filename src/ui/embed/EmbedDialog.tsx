/**
 * The embed code generator: choose the panels, the editor, read-only, theme, height, autoplay,
 * the node shown and the origins allowed to script it; copy the <iframe> snippet, and see it
 * live in a preview. A document that is not a shipped scenario travels in the URL's fragment.
 */
import { useEffect, useState } from 'react';
import { findScenario } from '../../scenarios';
import { toShareFragment } from '../../state/share/link';
import { toSharedState } from '../../state/share/openShareLink';
import { maxFragmentChars } from '../../state/share/sharedState';
import { selectNodes } from '../../state/selectors';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { panelTabs } from '../panels/panelTabs';
import { Dialog } from '../share/Dialog';
import { defaultEmbedChoice, toEmbedUrl, toIframeSnippet, type EmbedChoice } from './embedUrl';
import { autoplayCounts, type AutoplayCount } from './params';
import './embed.css';

/** The document part of the choice: a scenario's name, or the fragment that carries the text. */
function useDocumentChoice(
  open: boolean,
): Pick<EmbedChoice, 'scenario' | 'fragment'> & { problem?: string } {
  const store = useAppStoreApi();
  const text = useAppStore((s) => s.text);
  const scenarioName = useAppStore((s) => s.scenario);
  const [fragment, setFragment] = useState<{ text: string; value: string } | undefined>();
  const scenario = findScenario(scenarioName);
  const pristine = scenario !== undefined && scenario.text === text;

  useEffect(() => {
    if (!open || pristine) return;
    let current = true;
    void toShareFragment(toSharedState(store.getState())).then((value) => {
      if (current) setFragment({ text, value });
    });
    return () => {
      current = false;
    };
  }, [open, pristine, text, store]);

  if (pristine) return { scenario: scenario.name, fragment: undefined };
  const value = fragment?.text === text ? fragment.value : undefined;
  if (value && value.length > maxFragmentChars) {
    return {
      scenario: null,
      fragment: undefined,
      problem:
        'This document is too large to travel in an address: embed a shipped scenario, or load the YAML with the postMessage API.',
    };
  }
  return { scenario: null, fragment: value };
}

/** The address the preview shows, a moment after the last change (not on every keystroke). */
function useSettled(value: string, ms = 400): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function EmbedDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const nodes = useAppStore(selectNodes);
  const [choice, setChoice] = useState<EmbedChoice>(defaultEmbedChoice);
  const [copied, setCopied] = useState(false);
  const document = useDocumentChoice(open);
  const full: EmbedChoice = { ...choice, scenario: document.scenario, fragment: document.fragment };
  const url = toEmbedUrl(window.location.href, full);
  const title = findScenario(document.scenario)?.title ?? 'Kube Service Playground';
  const snippet = toIframeSnippet(url, full, title);
  const preview = useSettled(url);
  const set = (change: Partial<EmbedChoice>) => {
    setCopied(false);
    setChoice((c) => ({ ...c, ...change }));
  };
  const togglePanel = (id: string, on: boolean) =>
    set({
      panels: panelTabs.map((t) => t.id).filter((p) => (p === id ? on : choice.panels.includes(p))),
    });

  return (
    <Dialog open={open} title="Embed in a page" onClose={onClose} testId="embed-dialog" wide>
      <p>
        Paste this in a documentation page. Readers see the graph and the panels you choose, and can
        open the full playground from it.
      </p>
      <div className="embed-options">
        <fieldset className="wide">
          <legend>Panels</legend>
          {panelTabs.map((tab) => (
            <label key={tab.id}>
              <input
                type="checkbox"
                data-testid={`embed-panel-${tab.id}`}
                checked={choice.panels.includes(tab.id)}
                onChange={(e) => togglePanel(tab.id, e.target.checked)}
              />
              {tab.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>YAML</legend>
          <label>
            <input
              type="checkbox"
              data-testid="embed-editor"
              checked={choice.editor}
              onChange={(e) => set({ editor: e.target.checked })}
            />
            Show the YAML
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="embed-readonly"
              checked={choice.readOnly}
              onChange={(e) => set({ readOnly: e.target.checked })}
            />
            Read-only
          </label>
        </fieldset>
        <fieldset>
          <legend>Look</legend>
          <label>
            Theme
            <select
              value={choice.theme}
              data-testid="embed-theme"
              onChange={(e) => set({ theme: e.target.value as EmbedChoice['theme'] })}
            >
              <option value="auto">the reader’s</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </label>
          <label>
            Height
            <input
              type="number"
              min={200}
              max={4000}
              step={20}
              value={choice.height}
              data-testid="embed-height"
              onChange={(e) =>
                set({ height: Math.max(200, Math.min(4000, Number(e.target.value) || 480)) })
              }
            />
            px
          </label>
        </fieldset>
        <fieldset>
          <legend>On load</legend>
          <label>
            Send
            <select
              value={choice.autoplay}
              data-testid="embed-autoplay"
              onChange={(e) => set({ autoplay: Number(e.target.value) as AutoplayCount })}
            >
              {autoplayCounts.map((c) => (
                <option key={c} value={c}>
                  {c === 0 ? 'no requests' : `${c} request${c === 1 ? '' : 's'}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            Node
            <select
              value={choice.node ?? ''}
              data-testid="embed-node"
              onChange={(e) => set({ node: e.target.value || undefined })}
            >
              <option value="">none selected</option>
              {nodes.map((n) => (
                <option key={n.name} value={n.name}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>Scripting (postMessage)</legend>
          <label className="wide">
            Origins
            <input
              type="text"
              placeholder="https://docs.example.com"
              value={choice.origins}
              data-testid="embed-origins"
              onChange={(e) => set({ origins: e.target.value })}
            />
          </label>
        </fieldset>
      </div>
      {document.problem ? <p className="share-error">{document.problem}</p> : null}
      <textarea
        className="embed-snippet"
        readOnly
        rows={7}
        value={snippet}
        data-testid="embed-snippet"
        aria-label="The embed code"
      />
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          data-testid="embed-copy"
          onClick={() => {
            void navigator.clipboard.writeText(snippet).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy the code'}
        </button>
        <span className="muted">Preview:</span>
      </div>
      <iframe
        key={preview}
        className="embed-preview"
        src={preview}
        title="Preview of the embed"
        height={Math.min(choice.height, 420)}
        data-testid="embed-preview"
      />
    </Dialog>
  );
}
