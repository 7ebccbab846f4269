/**
 * IPVS mode's views: `ipvsadm -Ln` as ipvsadm prints it (services and destinations sorted, the
 * `%-28s %-7s %-6d %-10u %-10u` destination columns), `ipvsadm -o json` (DESIGN.md), `ipset
 * list`, and the iptables-save text of the rules IPVS mode installs.
 */
import { ipvsadmDestinationOrder, ipvsadmServiceOrder } from './ipvsadmOrder';
import type { IpvsIpset, IpvsState, IpvsTable, IpvsVirtualServer } from './proxier';

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** ipvsadm's order (ipvsadmOrder.ts); one entry per virtual service. */
export function sortVirtualServers(list: readonly IpvsVirtualServer[]): IpvsVirtualServer[] {
  const unique = new Map<string, IpvsVirtualServer>();
  for (const vs of list) unique.set(`${vs.protocol} ${hostPort(vs.address, vs.port)}`, vs);
  return ipvsadmServiceOrder([...unique.values()]);
}

function sortedRealServers(vs: IpvsVirtualServer) {
  return ipvsadmDestinationOrder(vs.realServers);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** `ipvsadm -Ln` (ipvsadm.c list_all, print_service_entry). */
export function renderIpvsadm(virtualServers: readonly IpvsVirtualServer[]): string {
  const out = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of sortVirtualServers(virtualServers)) {
    let line = `${vs.protocol}  ${hostPort(vs.address, vs.port)} ${vs.scheduler}`;
    const schedFlags = vs.flags.filter((f) => f !== 'persistent');
    if (schedFlags.length > 0) line += ` (${schedFlags.join(',')})`;
    if (vs.flags.includes('persistent')) line += ` persistent ${vs.timeout}`;
    out.push(line);
    for (const rs of sortedRealServers(vs)) {
      out.push(
        `  -> ${pad(hostPort(rs.address, rs.port), 28)} ${pad(rs.forward, 7)} ${pad(String(rs.weight), 6)} ${pad('0', 10)} ${pad('0', 10)}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** DESIGN.md `ipvsadm -o json`. */
export function toIpvsadmJson(virtualServers: readonly IpvsVirtualServer[]) {
  return {
    virtualServers: sortVirtualServers(virtualServers).map((vs) => ({
      address: vs.address,
      port: vs.port,
      protocol: vs.protocol,
      scheduler: vs.scheduler,
      flags: [...vs.flags],
      timeout: vs.timeout,
      realServers: sortedRealServers(vs).map((rs) => ({
        address: rs.address,
        port: rs.port,
        weight: rs.weight,
        forward: rs.forward,
      })),
    })),
  };
}

const revision: Record<string, number> = {
  'hash:ip': 4,
  'hash:ip,port': 5,
  'hash:ip,port,ip': 5,
  'hash:ip,port,net': 7,
  'bitmap:port': 3,
};

/**
 * `ipset list` for the sets kube-proxy created (as ipset 7.x prints a set created with kube-proxy's
 * `create` arguments, pkg/proxy/ipvs/ipset/ipset.go createSet); members sorted, where the kernel
 * lists them in hash order, and memory sizes left out as they depend on the kernel.
 */
export function renderIpsetList(
  ipsets: readonly IpvsIpset[],
  references: (name: string) => number,
): string {
  const blocks = ipsets.map((set) => {
    const header =
      set.type === 'bitmap:port'
        ? 'range 0-65535'
        : `family ${set.family} hashsize 1024 maxelem 65536`;
    return [
      `Name: ${set.name}`,
      `Type: ${set.type}`,
      `Revision: ${revision[set.type] ?? 1}`,
      `Header: ${header}`,
      `References: ${references(set.name)}`,
      `Number of entries: ${set.entries.length}`,
      'Members:',
      ...sortEntries(set),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function sortEntries(set: IpvsIpset): string[] {
  if (set.type === 'bitmap:port') return [...set.entries].sort((a, b) => Number(a) - Number(b));
  return [...set.entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How many iptables rules refer to a set (ipset's reference count). */
export function ipsetReferences(state: IpvsState): (name: string) => number {
  const all = [...state.nat.rules, ...state.filter.rules];
  return (name) => all.filter((r) => r.includes(`--match-set ${name} `)).length;
}

function renderTable(name: string, table: IpvsTable, out: string[]): void {
  out.push(`*${name}`);
  for (const chain of table.chains) out.push(`:${chain} - [0:0]`);
  for (const chain of table.chains) {
    for (const rule of table.rules) if (rule.startsWith(`-A ${chain} `)) out.push(rule);
  }
  out.push('COMMIT');
}

/** iptables-save of IPVS mode's chains: `*filter` then `*nat`, rules chain by chain. */
export function renderIpvsIptablesSave(state: IpvsState): string {
  const out: string[] = [];
  renderTable('filter', state.filter, out);
  renderTable('nat', state.nat, out);
  return `${out.join('\n')}\n`;
}
