/**
 * The document menu: save, open, download and upload the YAML, paste a real cluster, read it as
 * a snapshot, reset to the scenario. A WAI-ARIA menu button: arrows move, Escape closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { findScenario } from '../../scenarios';
import { selectScenario } from '../../state/selectors';
import { selectAdmitted, selectSetAdmitted } from '../../state/share/selectors';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { updateNow, useOfflineStatus } from '../persistence/serviceWorker';
import { downloadName, downloadText } from './fileTransfer';

export type MenuDialog = 'saved' | 'paste' | 'reset';

interface Props {
  openDialog(dialog: MenuDialog): void;
  upload(): void;
}

const offlineText = {
  unsupported: 'Not kept for offline use in this browser',
  preparing: 'Preparing the offline copy…',
  ready: 'Works offline on this device',
  update: 'A new version is ready',
  failed: 'The offline copy could not be made',
} as const;

export function DocumentMenu({ openDialog, upload }: Props) {
  const store = useAppStoreApi();
  const admitted = useAppStore(selectAdmitted);
  const setAdmitted = useAppStore(selectSetAdmitted);
  const scenario = findScenario(useAppStore(selectScenario));
  const offline = useOfflineStatus();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (action: () => void) => {
    close();
    action();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      close();
      return;
    }
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    items[(next + items.length) % items.length]?.focus();
  };
  const download = () => {
    const { text, scenario: name, admitted: snapshot } = store.getState();
    downloadText(text, downloadName(name, snapshot));
  };

  return (
    <div className="document-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="document-menu"
        title="Save, open, download, upload, paste your cluster, reset"
        onClick={() => setOpen((o) => !o)}
        data-testid="document-menu"
      >
        File ▾
      </button>
      {open ? (
        <div id="document-menu" role="menu" ref={menu} className="menu" onKeyDown={onKeyDown}>
          <MenuItem
            id="save-as"
            label="Save as…"
            onSelect={() => choose(() => openDialog('saved'))}
          />
          <MenuItem
            id="saved"
            label="Saved documents…"
            onSelect={() => choose(() => openDialog('saved'))}
          />
          <hr />
          <MenuItem id="download" label="Download YAML" onSelect={() => choose(download)} />
          <MenuItem id="upload" label="Upload YAML…" onSelect={() => choose(upload)} />
          <MenuItem
            id="paste-cluster"
            label="Paste your cluster…"
            onSelect={() => choose(() => openDialog('paste'))}
          />
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={admitted}
            tabIndex={-1}
            onClick={() => choose(() => setAdmitted(!admitted))}
            data-testid="menu-snapshot"
            title="Read the YAML as a real cluster's stored objects (no defaults, no controllers)"
          >
            <span aria-hidden="true">{admitted ? '☑' : '☐'}</span> Read as a snapshot
          </button>
          <hr />
          <MenuItem
            id="reset"
            label={scenario ? `Reset to “${scenario.title || scenario.name}”…` : 'Reset…'}
            onSelect={() => choose(() => openDialog('reset'))}
          />
          <p className="menu-footer" data-testid="offline-status" data-status={offline}>
            {offlineText[offline]}
          </p>
          {offline === 'update' ? (
            <MenuItem id="update" label="Update now (reloads the page)" onSelect={updateNow} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function MenuItem({ id, label, onSelect }: { id: string; label: string; onSelect(): void }) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      onClick={onSelect}
      data-testid={`menu-${id}`}
    >
      {label}
    </button>
  );
}
