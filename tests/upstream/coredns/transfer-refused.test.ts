/**
 * A zone transfer asked of the kubernetes plugin: coredns/coredns plugin/kubernetes/handler.go
 * ServeDNS (commit 4b26cced32717eac6dd725e308d7415c8b9db147) refuses AXFR and IXFR (the
 * `transfer` plugin serves them); dig then prints no message but `; Transfer failed.`.
 */
import { describe, expect, it } from 'vitest';
import { computeDnsAnswer, renderDig } from '../../../src/engine/coredns';
import { corefileConfigMap, dnsServer, fixture } from './helpers';

describe('handler.go: AXFR and IXFR are refused', () => {
  const server = dnsServer([
    fixture('handler-serve.yaml'),
    corefileConfigMap('kubernetes cluster.local'),
  ]);
  it.each(['AXFR', 'IXFR'])('refuses %s', (type) => {
    const response = computeDnsAnswer(server, 'cluster.local.', type);
    expect(response.rcode).toBe('REFUSED');
    expect(renderDig(response, '10.96.0.10', ['cluster.local', type])).toBe(
      `\n; <<>> DiG <<>> cluster.local ${type}\n;; global options: +cmd\n; Transfer failed.\n`,
    );
  });
});
