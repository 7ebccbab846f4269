/** The engine's diagnostics as Monaco markers, at the exact field each one names. */
import type { Diagnostic, Severity } from '../../engine/model';
import type { monaco } from './monacoSetup';

type Monaco = typeof monaco;
type MarkerData = Parameters<Monaco['editor']['setModelMarkers']>[2][number];
type TextModel = Parameters<Monaco['editor']['setModelMarkers']>[0];

export const markerOwner = 'engine';

function toMarkerSeverity(m: Monaco, severity: Severity): number {
  switch (severity) {
    case 'error':
      return m.MarkerSeverity.Error;
    case 'warning':
      return m.MarkerSeverity.Warning;
    case 'info':
      return m.MarkerSeverity.Info;
  }
}

/**
 * One marker per diagnostic, from its line and column to the end of the field's text on that
 * line (at least one character, so that it can be hovered).
 */
export function toMarkers(m: Monaco, model: TextModel, diagnostics: Diagnostic[]): MarkerData[] {
  const lineCount = model.getLineCount();
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(d.line, 1), lineCount);
    const text = model.getLineContent(line);
    const column = Math.min(Math.max(d.column, 1), text.length + 1);
    const comment = text.indexOf(' #', column - 1);
    const end = (comment >= 0 ? text.slice(0, comment) : text).trimEnd().length + 1;
    return {
      severity: toMarkerSeverity(m, d.severity),
      message: d.message,
      source: d.source,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: Math.max(end, column + 1),
    };
  });
}
