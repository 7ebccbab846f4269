import { describe, expect, it } from 'vitest';
import { defaultEmbedChoice, toEmbedUrl, toIframeSnippet } from './embedUrl';

describe('toEmbedUrl', () => {
  it('names a scenario and the chosen options, relative to the playground', () => {
    const url = toEmbedUrl('https://example.org/tools/playground/?scenario=x#v1:abc', {
      ...defaultEmbedChoice,
      scenario: 'cross-node',
      fragment: '#v1:ignored',
      panels: ['trace', 'dns'],
      autoplay: 10,
      theme: 'dark',
      origins: 'https://docs.example.org, self',
    });
    expect(url).toBe(
      'https://example.org/tools/playground/?embed=1&scenario=cross-node&panels=trace,dns&autoplay=10&theme=dark&height=480&readonly=1&origins=https%3A%2F%2Fdocs.example.org,self',
    );
  });

  it("carries the person's own document in the fragment", () => {
    const url = toEmbedUrl('https://example.org/', {
      ...defaultEmbedChoice,
      panels: [],
      fragment: '#v1:abc',
    });
    expect(url).toBe('https://example.org/?embed=1&panels=none&height=480&readonly=1#v1:abc');
  });

  it('escapes the address in the snippet', () => {
    const snippet = toIframeSnippet('https://e.org/?a=1&b="2"', defaultEmbedChoice, 'A <b> title');
    expect(snippet).toContain('src="https://e.org/?a=1&amp;b=&quot;2&quot;"');
    expect(snippet).toContain('title="A &lt;b> title"');
    expect(snippet).toContain('height="480"');
  });
});
