import { describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios';
import { readEmbedParams } from './params';

const context = { selfOrigin: 'https://play.example', panelIds: ['services', 'trace', 'dns'] };
const read = (search: string) => readEmbedParams(search, context);

describe('readEmbedParams', () => {
  it('is null unless the page is embedded', () => {
    expect(read('?scenario=cross-node')).toBeNull();
    expect(read('?embed=0')).toBeNull();
  });

  it('reads every documented parameter', () => {
    const start = read(
      '?embed=1&scenario=cross-node&panels=trace,dns&node=node-2&autoplay=10&theme=dark&height=420&editor=1&readonly=1&origins=https://docs.example,self&id=first&to=hello&via=nodePort&via-node=node-3',
    );
    expect(start?.notes).toEqual([]);
    expect(start?.document.text).toBe(findScenario('cross-node')?.text);
    expect(start?.document.scenario).toBe('cross-node');
    expect(start?.selection).toEqual({ kind: 'node', key: 'node-2' });
    expect(start?.panel).toBe('trace');
    expect(start?.options).toEqual({
      panels: ['trace', 'dns'],
      editor: true,
      readOnly: true,
      height: 420,
      id: 'first',
      theme: 'dark',
      autoplay: 10,
      request: { service: 'hello', via: 'nodePort', node: 'node-3' },
      origins: ['https://docs.example', 'https://play.example'],
    });
  });

  it('writes the kube-proxy mode into the YAML, as the toolbar does', () => {
    const start = read('?embed=1&scenario=my-webapp&mode=ipvs');
    expect(start?.document.text).toMatch(/kind: KubeProxyConfiguration\nmode: ipvs/);
    expect(read('?embed=1&scenario=my-webapp&mode=iptables')?.document.text).toBe(
      findScenario('my-webapp')?.text,
    );
  });

  it('falls back to defaults, with a note for each parameter it could not read', () => {
    const start = read(
      '?embed=1&scenario=nope&panels=services,evil&mode=userspace&autoplay=7&theme=pink&height=5&editor=maybe&origins=javascript:alert(1),https://a.example/path,*&id=<b>&node=%00',
    );
    expect(start?.document.scenario).toBe('web-service');
    expect(start?.selection).toBeNull();
    expect(start?.options).toMatchObject({
      panels: ['services'],
      editor: false,
      height: undefined,
      theme: undefined,
      autoplay: 1,
      origins: [],
      id: undefined,
    });
    expect(start?.notes).toHaveLength(12);
    expect(start?.notes).toContain('panels: there is no panel "evil".');
    expect(start?.notes).toContain(
      'origins: "https://a.example/path" is not an origin (scheme://host[:port]) or "self".',
    );
  });

  it('shows the graph alone when no panel is chosen', () => {
    expect(read('?embed=1')?.options.panels).toEqual([]);
    expect(read('?embed=1&panels=none')?.options.panels).toEqual([]);
  });
});
