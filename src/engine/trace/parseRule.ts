/**
 * Reads one iptables rule line (`-A CHAIN ...`) into the matches and target the tracer
 * evaluates. Only the match modules kube-proxy writes are understood; anything else makes the
 * rule never match, so an unknown rule can never send a packet somewhere by mistake.
 */

export type Match =
  | { kind: 'protocol'; value: string; negated: boolean }
  | { kind: 'source' | 'destination'; value: string; negated: boolean }
  | { kind: 'inInterface'; value: string; negated: boolean }
  | { kind: 'dport'; value: number; negated: boolean }
  | { kind: 'srcType' | 'dstType'; value: string; negated: boolean }
  | { kind: 'ctstate'; states: string[]; negated: boolean }
  | { kind: 'mark'; value: number; mask: number; negated: boolean }
  | { kind: 'recentCheck'; name: string; seconds: number }
  | { kind: 'recentSet'; name: string }
  | { kind: 'probability'; value: number }
  | { kind: 'unknown'; word: string };

export type Target =
  | { kind: 'none' }
  | { kind: 'jump'; chain: string }
  | { kind: 'ACCEPT' | 'DROP' | 'REJECT' | 'RETURN' | 'MASQUERADE' }
  | { kind: 'MARK'; op: 'or' | 'xor'; value: number }
  | { kind: 'DNAT'; destination: string };

export interface ParsedRule {
  chain: string;
  text: string;
  comment: string | undefined;
  matches: Match[];
  target: Target;
}

/** Splits a rule into words; a double-quoted string is one word (as iptables-restore reads it). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) words.push(m[1] ?? m[2] ?? '');
  return words;
}

const builtinTargets = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'MASQUERADE']);

/** Parses a rule line; never throws (an unparseable rule has an `unknown` match). */
export function parseRule(text: string): ParsedRule {
  const words = splitWords(text);
  const chain = words[0] === '-A' ? (words[1] ?? '') : '';
  const matches: Match[] = [];
  let target: Target = { kind: 'none' };
  let comment: string | undefined;
  let negated = false;
  let recentName = '';
  for (let i = 2; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = () => words[++i] ?? '';
    switch (w) {
      case '!':
        negated = true;
        continue;
      case '-m': {
        const module = next();
        if (
          ![
            'comment',
            'tcp',
            'udp',
            'sctp',
            'addrtype',
            'conntrack',
            'mark',
            'recent',
            'statistic',
            'nfacct',
          ].includes(module)
        ) {
          matches.push({ kind: 'unknown', word: `-m ${module}` });
        }
        break;
      }
      case '--comment':
        comment = next();
        break;
      case '-p':
        matches.push({ kind: 'protocol', value: next(), negated });
        break;
      case '-s':
      case '-d':
        matches.push({ kind: w === '-s' ? 'source' : 'destination', value: next(), negated });
        break;
      case '-i':
        matches.push({ kind: 'inInterface', value: next(), negated });
        break;
      case '--dport':
        matches.push({ kind: 'dport', value: Number(next()), negated });
        break;
      case '--src-type':
      case '--dst-type':
        matches.push({ kind: w === '--src-type' ? 'srcType' : 'dstType', value: next(), negated });
        break;
      case '--ctstate':
        matches.push({ kind: 'ctstate', states: next().split(','), negated });
        break;
      case '--mark': {
        const [v, m] = next().split('/');
        const value = Number(v);
        matches.push({
          kind: 'mark',
          value,
          mask: m === undefined ? 0xffffffff : Number(m),
          negated,
        });
        break;
      }
      case '--name':
        recentName = next();
        break;
      case '--rcheck':
        matches.push({ kind: 'recentCheck', name: recentName, seconds: 0 });
        break;
      case '--seconds': {
        const last = matches[matches.length - 1];
        const seconds = Number(next());
        if (last?.kind === 'recentCheck') last.seconds = seconds;
        break;
      }
      case '--set':
        matches.push({ kind: 'recentSet', name: recentName });
        break;
      case '--reap':
      case '--random-fully':
        break;
      case '--mode':
        next();
        break;
      case '--probability':
        matches.push({ kind: 'probability', value: Number(next()) });
        break;
      case '--nfacct-name':
        next();
        break;
      case '-j': {
        const t = next();
        if (builtinTargets.has(t)) target = { kind: t as 'ACCEPT' };
        else if (t === 'MARK') target = { kind: 'MARK', op: 'or', value: 0 };
        else if (t === 'DNAT') target = { kind: 'DNAT', destination: '' };
        else target = { kind: 'jump', chain: t };
        break;
      }
      case '--or-mark':
      case '--xor-mark':
        if (target.kind === 'MARK')
          target = { kind: 'MARK', op: w === '--or-mark' ? 'or' : 'xor', value: Number(next()) };
        else next();
        break;
      case '--to-destination':
        if (target.kind === 'DNAT') target = { kind: 'DNAT', destination: next() };
        else next();
        break;
      default:
        matches.push({ kind: 'unknown', word: w });
    }
    negated = false;
  }
  return { chain, text, comment, matches, target };
}
