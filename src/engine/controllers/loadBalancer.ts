/**
 * A load-balancer controller in the manner of MetalLB in layer-2 mode (metallb/metallb
 * controller/service.go): a LoadBalancer Service without `status.loadBalancer.ingress` gets the
 * first free address of the pool of each of its IP families, or `spec.loadBalancerIP` when it
 * asks for one. MetalLB, as installed by default, serves only Services with no
 * `loadBalancerClass`: any other class belongs to another implementation and gets nothing here.
 *
 * The pools are the playground's own choice, documented in the UI: 192.168.1.240/28, beside the
 * default nodes' 192.168.1.0/24 (the layout of MetalLB's layer-2 examples), and fd00:1::f0/124
 * for IPv6.
 */
import { addressAt, cidrSize, formatIP, parseCIDR, parseIP } from '../net/ip';
import type { Service } from '../model';
import { namespaceOf } from './labels';

export const loadBalancerPools = { IPv4: '192.168.1.240/28', IPv6: 'fd00:1::f0/124' } as const;

export interface LoadBalancerProblem {
  service: Service;
  path: string;
  message: string;
}

function hasIngress(service: Service): boolean {
  const ingress = service.status?.loadBalancer?.ingress;
  return Array.isArray(ingress) && ingress.length > 0;
}

function familiesOf(service: Service): ('IPv4' | 'IPv6')[] {
  const families = Array.isArray(service.spec?.ipFamilies) ? service.spec.ipFamilies : [];
  const out = families.filter((f): f is 'IPv4' | 'IPv6' => f === 'IPv4' || f === 'IPv6');
  if (out.length > 0) return out;
  const clusterIP = parseIP(service.spec?.clusterIP ?? '');
  return [clusterIP?.family === 6 ? 'IPv6' : 'IPv4'];
}

/** Assigns ingress addresses to LoadBalancer Services in creation order; returns the updated Services. */
export function assignLoadBalancerIPs(services: readonly Service[]): {
  services: Service[];
  problems: LoadBalancerProblem[];
} {
  const used = new Set<string>();
  for (const s of services) {
    for (const i of s.status?.loadBalancer?.ingress ?? [])
      if (typeof i?.ip === 'string') used.add(i.ip);
  }
  const problems: LoadBalancerProblem[] = [];
  const out = services.map((service) => {
    if (service.spec?.type !== 'LoadBalancer' || hasIngress(service)) return service;
    if (service.spec.loadBalancerClass) return service;
    const key = `${namespaceOf(service)}/${service.metadata?.name ?? ''}`;
    const ips: string[] = [];
    const requested = service.spec.loadBalancerIP;
    if (requested) {
      const ip = parseIP(requested);
      if (!ip) {
        problems.push({
          service,
          path: 'spec.loadBalancerIP',
          message: `Failed to allocate IP for "${key}": invalid IP "${requested}"`,
        });
        return service;
      }
      const text = formatIP(ip);
      if (used.has(text)) {
        problems.push({
          service,
          path: 'spec.loadBalancerIP',
          message: `Failed to allocate IP for "${key}": "${text}" is already in use by another service`,
        });
        return service;
      }
      used.add(text);
      ips.push(text);
    } else {
      for (const family of familiesOf(service)) {
        const pool = parseCIDR(loadBalancerPools[family]);
        if (!pool) continue;
        let found: string | undefined;
        for (let i = 0n; i < cidrSize(pool); i++) {
          const candidate = formatIP(addressAt(pool, i));
          if (!used.has(candidate)) {
            found = candidate;
            break;
          }
        }
        if (found === undefined) {
          problems.push({
            service,
            path: 'spec.type',
            message: `Failed to allocate IP for "${key}": no available IPs`,
          });
          return service;
        }
        used.add(found);
        ips.push(found);
      }
    }
    return {
      ...service,
      status: {
        ...service.status,
        loadBalancer: { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' as const })) },
      },
    };
  });
  return { services: out, problems };
}
