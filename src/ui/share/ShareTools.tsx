/**
 * The toolbar's sharing and document tools: the snapshot badge, Copy link, the Document menu and
 * its dialogs, and the toast that reports what happened to the document.
 */
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { selectLoadDocument, selectNotify } from '../../state/share/selectors';
import { useAppStore } from '../../state/useAppStore';
import { CopyLinkButton } from './CopyLinkButton';
import { DocumentMenu, type MenuDialog } from './DocumentMenu';
import { DocumentToast } from './DocumentToast';
import { readDocumentFile } from './fileTransfer';
import { PasteClusterDialog } from './PasteClusterDialog';
import { ResetDialog } from './ResetDialog';
import { SavedDocumentsDialog } from './SavedDocumentsDialog';
import { SnapshotBadge } from './SnapshotBadge';
import './share.css';

export function ShareTools() {
  const [dialog, setDialog] = useState<MenuDialog | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const loadDocument = useAppStore(selectLoadDocument);
  const notify = useAppStore(selectNotify);
  const close = () => setDialog(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const read = await readDocumentFile(file);
    if (!read.ok) {
      notify(`This file was not opened. ${read.message}`, 'error');
      return;
    }
    const snapshot = read.snapshot === true;
    loadDocument({ text: read.state.text, scenario: null, admitted: snapshot });
    notify(
      snapshot
        ? `Opened "${file.name}" as a snapshot of a real cluster (read as stored).`
        : `Opened "${file.name}".`,
    );
  };
  const uploadDropped = useEffectEvent((file: File | undefined) => void upload(file));

  // A file dropped anywhere on the page opens like an upload.
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;
    const onDragOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      uploadDropped(event.dataTransfer?.files[0]);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <div className="share-tools">
      <SnapshotBadge />
      <CopyLinkButton />
      <DocumentMenu openDialog={setDialog} upload={() => fileInput.current?.click()} />
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".yaml,.yml,.json,.txt,application/yaml,text/yaml,application/json,text/plain"
        data-testid="upload-input"
        onChange={(event) => {
          void upload(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <SavedDocumentsDialog open={dialog === 'saved'} onClose={close} />
      <PasteClusterDialog open={dialog === 'paste'} onClose={close} />
      <ResetDialog open={dialog === 'reset'} onClose={close} />
      <DocumentToast />
    </div>
  );
}
