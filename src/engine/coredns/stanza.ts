/**
 * What the plugins' setup functions share when they read a Corefile stanza: the error texts
 * (caddy's Dispenser Errf and ArgErr, plugin.ErrOnce), zones of arguments (plugin/normalize.go),
 * a TTL option; and the `k8s_external` and `transfer` stanzas.
 */
import { type CIDR, parseCIDR } from '../net/ip';
import type { Directive } from './corefile';
import { normalizeName, reverseName } from './names';
import type { ExternalPluginConfig, TransferConfig } from './types';

/** Where kubeadm's CoreDNS Deployment mounts the Corefile (`-conf`), as error messages name it. */
export const corefilePath = '/etc/coredns/Corefile';

export class CorefileError extends Error {}

/** plugin.ErrOnce */
export const onceError = 'this plugin can only be used once per Server Block';

export function parsingError(line: number, message: string): CorefileError {
  return new CorefileError(`${corefilePath}:${line} - Error during parsing: ${message}`);
}

export function argError(d: Directive): CorefileError {
  const last = d.args[d.args.length - 1] ?? d.name;
  return parsingError(d.line, `Wrong argument count or unexpected line ending after '${last}'`);
}

/**
 * The reverse zones of a CIDR (plugin/pkg/cidr Split and Reverse): a prefix off a label boundary
 * (8 bits for IPv4, 4 for IPv6) is split into the subnets at the next boundary, one zone each.
 */
export function reverseZones(cidr: CIDR): string[] {
  const family = cidr.ip.family;
  const step = family === 4 ? 8 : 4;
  const prefix = Math.ceil(cidr.prefix / step) * step;
  const width = family === 4 ? 32 : 128;
  const drop = (width - prefix) / step;
  const count = 1n << BigInt(prefix - cidr.prefix);
  const size = 1n << BigInt(width - prefix);
  const zones: string[] = [];
  for (let i = 0n; i < count; i++) {
    const labels = reverseName(family, cidr.network + i * size).split('.');
    zones.push(labels.slice(drop).join('.'));
  }
  return zones;
}

/** `plugin.Host.NormalizeExact` (plugin/normalize.go): zones of a key or argument. */
export function normalizeHost(host: string): { zones: string[]; port: number | undefined } {
  let s = host.replace(/^(dns|tls|grpc|https|quic|https3):\/\//, '');
  let port: number | undefined;
  const colon = s.lastIndexOf(':');
  if (colon !== -1 && /^\d+$/.test(s.slice(colon + 1))) {
    port = Number(s.slice(colon + 1));
    s = s.slice(0, colon);
  }
  const cidr = parseCIDR(s);
  if (cidr) return { zones: reverseZones(cidr), port };
  return { zones: [normalizeName(s === '' ? '.' : s)], port };
}

function zonesOf(args: string[]): string[] {
  return args.flatMap((a) => normalizeHost(a).zones);
}

/** A plugin stanza's zones: its arguments', else the server block's. */
export function stanzaZones(d: Directive, blockZones: string[]): string[] {
  return d.args.length > 0 ? zonesOf(d.args) : [...blockZones];
}

/** A `fallthrough` option: its zones, or the root (every name) without arguments. */
export function readFallthrough(option: Directive): string[] {
  return option.args.length === 0 ? ['.'] : zonesOf(option.args);
}

/** A `ttl` option: a whole number of seconds in [0, 3600]. */
export function readTTL(option: Directive): number {
  if (option.args.length === 0) throw argError(option);
  const text = option.args[0] ?? '';
  if (!/^[+-]?\d+$/.test(text)) {
    throw new CorefileError(`strconv.Atoi: parsing "${text}": invalid syntax`);
  }
  const ttl = Number(text);
  if (ttl < 0 || ttl > 3600) {
    throw parsingError(option.line, `ttl must be in range [0, 3600]: ${ttl}`);
  }
  return ttl;
}

/** `k8s_external` stanza (plugin/k8s_external/setup.go parse). */
export function readExternal(d: Directive, blockZones: string[]): ExternalPluginConfig {
  const config: ExternalPluginConfig = {
    zones: stanzaZones(d, blockZones),
    apex: 'dns',
    ttl: 5,
    headless: false,
    fallthrough: undefined,
  };
  for (const option of d.block) {
    const args = option.args;
    switch (option.name) {
      case 'ttl':
        config.ttl = readTTL(option);
        break;
      case 'apex':
        if (args.length === 0) throw argError(option);
        config.apex = args[0] ?? 'dns';
        break;
      case 'headless':
        config.headless = true;
        break;
      case 'fallthrough':
        config.fallthrough = readFallthrough(option);
        break;
      default:
        throw parsingError(option.line, `unknown property '${option.name}'`);
    }
  }
  return config;
}

/** `transfer` stanza (plugin/transfer/setup.go parseTransfer). */
export function readTransfer(d: Directive, blockZones: string[]): TransferConfig {
  const config: TransferConfig = {
    zones: stanzaZones(d, blockZones),
    to: [],
  };
  for (const option of d.block) {
    if (option.name === 'to') {
      if (option.args.length === 0) throw argError(option);
      config.to.push(...option.args);
    } else if (option.name === 'source') {
      if (option.args.length !== 1) throw argError(option);
    } else {
      const error = parsingError(option.line, `unknown property "${option.name}"`);
      throw new CorefileError(`plugin/transfer: ${error.message}`);
    }
  }
  if (config.to.length === 0) {
    const error = parsingError(d.endLine, "'to' is required");
    throw new CorefileError(`plugin/transfer: ${error.message}`);
  }
  return config;
}
