/** Download of the document as a YAML file, and reading an uploaded file through `restore`. */
import { looksLikeSnapshot, tooLargeMessage } from '../../state/share/documentText';
import { restore, type RestoreOutcome } from '../../state/share/restore';
import { currentVersion, maxDocumentChars } from '../../state/share/sharedState';

/** The file name a download gets: the scenario's name, or a name that says what it holds. */
export function downloadName(scenario: string | null, admitted: boolean): string {
  if (scenario) return `${scenario}.yaml`;
  return admitted ? 'cluster-snapshot.yaml' : 'playground.yaml';
}

/** Saves the text as a file in the browser's downloads. */
export function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type FileOutcome = RestoreOutcome & { snapshot?: boolean };

/**
 * Reads a file the person chose or dropped: a file that is too large is refused before it is
 * read; its text then passes `restore` like any outside input.
 */
export async function readDocumentFile(file: File): Promise<FileOutcome> {
  if (file.size > maxDocumentChars) return { ok: false, message: tooLargeMessage(file.size) };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: `"${file.name}" could not be read.` };
  }
  const restored = restore({ text }, currentVersion, 'file');
  if (!restored.ok) return { ok: false, message: `"${file.name}": ${restored.message}` };
  return { ...restored, snapshot: looksLikeSnapshot(text) };
}
