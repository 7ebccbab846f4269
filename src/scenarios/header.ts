/**
 * The comment header of a scenario file: `# title: ...`, `# seed: ...`, `# notice: ...`, where a
 * line that starts with `#` and more indentation continues the field above it.
 */
export interface ScenarioHeader {
  title: string;
  seed: string;
  notice: string;
}

const fieldLine = /^#\s?(title|seed|notice):\s?(.*)$/;
const continuationLine = /^#\s{2,}(.*)$/;

/** Reads the header fields; a missing field is an empty string. */
export function parseScenarioHeader(text: string): ScenarioHeader {
  const header: ScenarioHeader = { title: '', seed: '', notice: '' };
  let field: keyof ScenarioHeader | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const start = fieldLine.exec(line);
    if (start) {
      field = start[1] as keyof ScenarioHeader;
      header[field] = (start[2] ?? '').trim();
      continue;
    }
    const more = continuationLine.exec(line);
    if (more && field) header[field] = `${header[field]} ${(more[1] ?? '').trim()}`.trim();
    else field = undefined;
  }
  return header;
}
