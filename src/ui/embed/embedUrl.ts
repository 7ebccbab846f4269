/**
 * The embed code generator's pure half: the embed URL for the chosen options, and the <iframe>
 * snippet that shows it. The URL is absolute (a host page lives elsewhere); a document that is
 * not a shipped scenario travels in the URL's fragment, as a share link's does.
 */
import type { AutoplayCount } from './params';

export interface EmbedChoice {
  /** A shipped scenario's name, or null when `fragment` carries the document. */
  scenario: string | null;
  /** A share link's fragment (`#v1:...`) with the document, when it is not a scenario. */
  fragment: string | undefined;
  panels: string[];
  node: string | undefined;
  autoplay: AutoplayCount;
  theme: 'auto' | 'light' | 'dark';
  height: number;
  editor: boolean;
  readOnly: boolean;
  /** Origins allowed to drive the embed with postMessage, separated by commas; may be empty. */
  origins: string;
  id: string;
}

export const defaultEmbedChoice: EmbedChoice = {
  scenario: null,
  fragment: undefined,
  panels: ['trace'],
  node: undefined,
  autoplay: 0,
  theme: 'auto',
  height: 480,
  editor: false,
  readOnly: true,
  origins: '',
  id: '',
};

/** The embed's address for `page` (the playground's own address). */
export function toEmbedUrl(page: string, choice: EmbedChoice): string {
  const url = new URL('./', page);
  const params = url.searchParams;
  params.set('embed', '1');
  if (choice.scenario) params.set('scenario', choice.scenario);
  params.set('panels', choice.panels.length > 0 ? choice.panels.join(',') : 'none');
  if (choice.node) params.set('node', choice.node);
  if (choice.autoplay > 0) params.set('autoplay', String(choice.autoplay));
  if (choice.theme !== 'auto') params.set('theme', choice.theme);
  params.set('height', String(choice.height));
  if (choice.editor) params.set('editor', '1');
  if (choice.readOnly) params.set('readonly', '1');
  const origins = choice.origins
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(',');
  if (origins) params.set('origins', origins);
  if (choice.id) params.set('id', choice.id);
  return `${url.href.replace(/%2C/g, ',')}${choice.fragment && !choice.scenario ? choice.fragment : ''}`;
}

const attribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The HTML to paste in a documentation page. */
export function toIframeSnippet(url: string, choice: EmbedChoice, title: string): string {
  return [
    '<iframe',
    `  src="${attribute(url)}"`,
    `  title="${attribute(title)}"`,
    `  width="100%" height="${choice.height}"`,
    '  style="border: 1px solid #d0d7de; border-radius: 6px"',
    '  loading="lazy"',
    '></iframe>',
  ].join('\n');
}
