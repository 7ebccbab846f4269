/** `kube-playground dig NAME [TYPE] [-o json] FILE...`: CoreDNS's answer, as dig prints it. */
import { computeDnsAnswer, computeDnsServer, renderDig, toDigJson } from '../../coredns';
import { builtinDnsServerIP } from '../../coredns/resolvConf';
import type { Command } from '../command';

/** Query types dig knows by name (the ones a cluster lookup uses, and a few more). */
const queryTypes = new Set(
  'A AAAA ANY AXFR CAA CNAME DNSKEY DS HINFO HTTPS IXFR MX NAPTR NS PTR SOA SRV SVCB TXT'.split(
    ' ',
  ),
);

export const dig: Command = {
  name: 'dig',
  usage: 'dig NAME [TYPE] [-o json] FILE...',
  summary: "CoreDNS's answer to a question sent to the kube-dns Service, as dig prints it.",
  operands: { min: 1, max: 2 },
  outputs: ['json'],
  run(context) {
    const [name = '', typeArg] = context.operands;
    const type = (typeArg ?? 'A').toUpperCase();
    if (!queryTypes.has(type) && !/^TYPE\d+$/.test(type)) {
      context.stderr(`dig: '${typeArg ?? ''}' is not a query type\n`);
      return 1;
    }
    const { cluster } = context.simulation;
    const server = computeDnsServer(cluster);
    for (const finding of server.findings) {
      if (finding.severity === 'error')
        context.stderr(`Warning: ${finding.object}: ${finding.message}\n`);
    }
    const response = computeDnsAnswer(server, name, type);
    if (context.options.output === 'json') {
      context.stdout(`${JSON.stringify(toDigJson(response), null, 2)}\n`);
    } else {
      const args = typeArg === undefined ? [name] : [name, typeArg];
      context.stdout(renderDig(response, builtinDnsServerIP(cluster.settings), args));
    }
    for (const note of response.notes) {
      if (context.options.output === 'json') context.stderr(`note: ${note}\n`);
    }
    return 0;
  },
};
