/**
 * `curl URL` from a pod or from your machine (an external client): the request is traced through
 * the cluster exactly as the graph animates it (trace/requests.ts, one request, the document's
 * seed), and curl prints what it reached. Every pod answers as the traefik/whoami image does
 * (its name, its addresses, the source address it sees, the request), so the output shows which
 * pod answered and whether the source was masqueraded. Failures are curl 7.81's messages: a
 * REJECT is `Connection refused`, a DROP waits for the kernel's SYN retries (about 130 s).
 */
import { canonicalIP, parseIP } from '../../net/ip';
import type { Cluster } from '../../model';
import {
  computeRequestBatch,
  type RequestDestination,
  type RequestDestinationKind,
  type RequestSource,
  type TracedRequest,
} from '../../trace/requests';
import type { Output } from './output';
import type { ShellTraffic } from './types';

export const curlVersion = '7.81.0';
/** The playground's now, as the Date header shows it (the same instant kubectl's ages count from). */
const date = 'Sat, 11 Jan 2025 12:00:00 GMT';
/** Linux's default tcp_syn_retries (6) gives up after about 130 s. */
const synTimeoutMs = 130_000;

interface CurlArgs {
  url: string;
  verbose: boolean;
  include: boolean;
  maxTimeS: number | undefined;
  method: string;
}

function parseCurlArgs(args: readonly string[], out: Output): CurlArgs | undefined {
  let url: string | undefined;
  let verbose = false;
  let include = false;
  let maxTimeS: number | undefined;
  let method = 'GET';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-v' || arg === '--verbose') verbose = true;
    else if (arg === '-i' || arg === '--include') include = true;
    else if (
      /^-[sSLkf]+$/.test(arg) ||
      ['--silent', '--show-error', '--location', '--insecure', '--fail'].includes(arg)
    )
      continue;
    else if (arg === '-m' || arg === '--max-time' || arg === '--connect-timeout')
      maxTimeS = Number(args[++i]);
    else if (arg === '-H' || arg === '--header' || arg === '-d' || arg === '--data') i++;
    else if (arg === '-X' || arg === '--request') method = args[++i] ?? 'GET';
    else if (arg.startsWith('-')) {
      out.stderr(
        `curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
      );
      return undefined;
    } else url ??= arg;
  }
  if (url === undefined) {
    out.stderr(
      "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
    );
    return undefined;
  }
  return { url, verbose, include, maxTimeS, method };
}

interface Url {
  host: string;
  port: number;
  path: string;
  /** The Host header: the host, and the port when it is not the scheme's. */
  hostHeader: string;
}

function parseUrl(text: string, out: Output): Url | undefined {
  const m = /^(?:([a-zA-Z][\w+.-]*):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([/?#].*)?$/.exec(text);
  const scheme = (m?.[1] ?? 'http').toLowerCase();
  if (!m?.[2]) {
    out.stderr(`curl: (3) URL using bad/illegal format or missing URL\n`);
    return undefined;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    out.stderr(`curl: (1) Protocol "${scheme}" not supported or disabled in libcurl\n`);
    return undefined;
  }
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = m[3] === undefined ? defaultPort : Number(m[3]);
  const host = m[2].replace(/^\[|\]$/g, '');
  const path = m[4]?.startsWith('/') ? m[4] : `/${m[4] ?? ''}`;
  // curl leaves the scheme's own port out of the Host header.
  return { host, port, path, hostHeader: port === defaultPort ? m[2] : `${m[2]}:${port}` };
}

/** What kind of address the host is, as the request bar names destinations. */
function destinationKind(cluster: Cluster, ip: string): RequestDestinationKind {
  const address = canonicalIP(ip);
  for (const node of cluster.nodes) {
    const addresses = (node.status?.addresses ?? []).map((a) => a.address ?? '');
    if (addresses.some((a) => parseIP(a) && canonicalIP(a) === address)) return 'nodePort';
  }
  for (const service of cluster.services) {
    const lb = (service.status?.loadBalancer?.ingress ?? [])
      .map((i) => i?.ip)
      .filter((x): x is string => !!x);
    if (lb.some((a) => canonicalIP(a) === address)) return 'loadBalancer';
    if ((service.spec?.externalIPs ?? []).some((a) => parseIP(a) && canonicalIP(a) === address))
      return 'externalIP';
  }
  return 'clusterIP';
}

function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon === -1 ? endpoint : endpoint.slice(0, colon);
}

/** The whoami answer: which pod (or node, for host network) answered, and what it saw. */
function whoami(request: TracedRequest, url: Url, args: CurlArgs, seed: number): string {
  const name = request.pod?.split('/')[1] ?? request.podNode ?? '';
  const ip = request.endpoint ? hostOf(request.endpoint) : (request.destination ?? '');
  const port = 32768 + ((seed * 7919 + request.port) % 28000);
  const remote = request.sourceSeen ?? request.client;
  const remoteAddr = parseIP(remote)?.family === 6 ? `[${remote}]:${port}` : `${remote}:${port}`;
  const body = [
    `Hostname: ${name}`,
    'IP: 127.0.0.1',
    `IP: ${ip}`,
    `RemoteAddr: ${remoteAddr}`,
    `${args.method} ${url.path} HTTP/1.1`,
    `Host: ${url.hostHeader}`,
    `User-Agent: curl/${curlVersion}`,
    'Accept: */*',
    '',
    '',
  ].join('\n');
  const headers = `HTTP/1.1 200 OK\nDate: ${date}\nContent-Length: ${body.length}\nContent-Type: text/plain; charset=utf-8\n\n`;
  return args.include ? headers + body : body;
}

export interface CurlInput {
  cluster: Cluster;
  args: readonly string[];
  source: RequestSource;
  seed: number;
  out: Output;
}

/** Runs curl; returns its exit code and the request for the graph to animate. */
export function runCurl({ cluster, args, source, seed, out }: CurlInput): {
  exitCode: number;
  traffic?: ShellTraffic;
} {
  const parsed = parseCurlArgs(args, out);
  if (!parsed) return { exitCode: 2 };
  const url = parseUrl(parsed.url, out);
  if (!url) return { exitCode: 3 };
  const isIP = parseIP(url.host) !== undefined;
  if (!isIP && source.type === 'external') {
    out.stderr(`curl: (6) Could not resolve host: ${url.host}\n`);
    out.stderr(
      '(cluster DNS names resolve only inside the cluster: kubectl exec -it POD -- sh, then curl)\n',
    );
    return { exitCode: 6 };
  }
  const destination: RequestDestination = {
    kind: isIP ? destinationKind(cluster, url.host) : 'dnsName',
    host: url.host,
    port: url.port,
  };
  const batch = computeRequestBatch(cluster, { source, destination, count: 1, seed });
  const request = batch.requests[0];
  const traffic = { source, destination };
  if (batch.problem || !request) {
    out.stderr(`curl: ${batch.problem ?? 'the request could not be sent'}\n`);
    return { exitCode: 7 };
  }
  if (request.dns && request.destination === undefined) {
    out.stderr(`curl: (6) Could not resolve host: ${url.host}\n`);
    return { exitCode: 6, traffic };
  }
  const ip = request.destination ?? url.host;
  if (parsed.verbose)
    out.stderr(`*   Trying ${parseIP(ip)?.family === 6 ? `[${ip}]` : ip}:${url.port}...\n`);
  const reached =
    request.pod !== undefined || (request.podNode !== undefined && request.verdict !== 'DROP');
  const refused =
    request.verdict === 'REJECT' ||
    (!reached && request.stoppedAt?.reason.includes('nothing listens') === true);
  if (reached) {
    if (parsed.verbose) {
      out.stderr(
        `* Connected to ${url.host} (${ip}) port ${url.port} (#0)\n> ${parsed.method} ${url.path} HTTP/1.1\n> Host: ${url.hostHeader}\n> User-Agent: curl/${curlVersion}\n> Accept: */*\n> \n< HTTP/1.1 200 OK\n< Content-Type: text/plain; charset=utf-8\n< \n`,
      );
    }
    out.stdout(whoami(request, url, parsed, seed));
    return { exitCode: 0, traffic };
  }
  if (refused) {
    out.stderr(
      `curl: (7) Failed to connect to ${url.host} port ${url.port} after 1 ms: Connection refused\n`,
    );
    return { exitCode: 7, traffic };
  }
  if (parsed.maxTimeS !== undefined && Number.isFinite(parsed.maxTimeS)) {
    out.stderr(
      `curl: (28) Connection timed out after ${Math.round(parsed.maxTimeS * 1000) + 1} milliseconds\n`,
    );
  } else {
    out.stderr(
      `curl: (28) Failed to connect to ${url.host} port ${url.port} after ${synTimeoutMs} ms: Connection timed out\n`,
    );
  }
  if (request.stoppedAt) out.stderr(`(${request.stoppedAt.reason})\n`);
  return { exitCode: 28, traffic };
}
