/** Label selectors in their string form (`kubectl get -l`, CoreDNS's `labels` option), parsed into a matcher. */

/** A parsed label selector: whether a set of labels matches it. */
export type LabelRequirement = (labels: Record<string, string>) => boolean;

/** Parses a label selector (`app=web,tier!=db,env in (a,b),!legacy`); undefined when it does not parse. */
export function parseLabelSelector(selector: string): LabelRequirement | undefined {
  const parts = selector.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  const requirements: LabelRequirement[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      const [, key = '', op, value = ''] = m;
      requirements.push((l) => (op === '!=' ? l[key] !== value : l[key] === value));
    } else if ((m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      const [, key = '', op, list = ''] = m;
      const values = list.split(',').map((v) => v.trim());
      requirements.push((l) => {
        const has = l[key] !== undefined && values.includes(l[key] ?? '');
        return op === 'in' ? has : !has;
      });
    } else if ((m = /^!\s*([\w./-]+)$/.exec(part))) {
      const key = m[1] ?? '';
      requirements.push((l) => l[key] === undefined);
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      const key = m[1] ?? '';
      requirements.push((l) => l[key] !== undefined);
    } else return undefined;
  }
  return (labels) => requirements.every((r) => r(labels));
}
