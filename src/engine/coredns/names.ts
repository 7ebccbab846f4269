/**
 * Domain name helpers with the semantics of github.com/miekg/dns and CoreDNS's plugin/pkg/dnsutil:
 * comparisons ignore case, names keep the case they were written in.
 */

/** `dns.Fqdn`: the name with its trailing dot. */
export function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** `dns.SplitDomainName`: the labels of a name, without the root. */
export function splitLabels(name: string): string[] {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  return trimmed === '' ? [] : trimmed.split('.');
}

/** `dns.IsSubDomain(parent, child)`: child is parent or below it, ignoring case. */
export function isSubDomain(parent: string, child: string): boolean {
  const p = splitLabels(parent).map((l) => l.toLowerCase());
  const c = splitLabels(child).map((l) => l.toLowerCase());
  if (p.length > c.length) return false;
  const offset = c.length - p.length;
  return p.every((label, i) => c[offset + i] === label);
}

/** `plugin.Zones.Matches` (plugin/normalize.go): the longest zone `qname` lies in, or ''. */
export function matchZone(zones: readonly string[], qname: string): string {
  let zone = '';
  for (const z of zones) if (isSubDomain(z, qname) && z.length > zone.length) zone = z;
  return zone;
}

/** `dnsutil.TrimZone`: the labels of `name` left of `zone`, without a trailing dot. */
export function trimZone(name: string, zone: string): string {
  const labels = splitLabels(name);
  const keep = labels.length - splitLabels(zone).length;
  return keep <= 0 ? '' : labels.slice(0, keep).join('.');
}

/** `plugin.Name.Normalize`: lowercase and fully qualified. */
export function normalizeName(name: string): string {
  return fqdn(name).toLowerCase();
}

/** `dnsutil.Join`: labels joined into a fully qualified name. */
export function joinName(...parts: string[]): string {
  return fqdn(
    parts
      .map((p) => (p.endsWith('.') ? p.slice(0, -1) : p))
      .filter((p) => p !== '')
      .join('.'),
  );
}

/** `dnsutil.IsReverse`: 1 under in-addr.arpa., 2 under ip6.arpa., else 0. */
export function isReverse(name: string): 0 | 1 | 2 {
  if (name.endsWith('.in-addr.arpa.')) return 1;
  if (name.endsWith('.ip6.arpa.')) return 2;
  return 0;
}

/** The reverse (PTR) name of an address, as RFC 1035 and RFC 3596 spell it. */
export function reverseName(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    const bytes: string[] = [];
    for (let i = 0; i < 4; i++) bytes.push(String(Number((value >> BigInt(i * 8)) & 255n)));
    return `${bytes.join('.')}.in-addr.arpa.`;
  }
  const nibbles: string[] = [];
  for (let i = 0; i < 32; i++) nibbles.push(Number((value >> BigInt(i * 4)) & 15n).toString(16));
  return `${nibbles.join('.')}.ip6.arpa.`;
}
