/**
 * Records as text, the way BIND's tools print them (lib/dns/masterdump.c default style: owner,
 * TTL, class, type and data at columns 24, 32, 40 and 48, advanced with tabs, or one space when
 * a field runs past its column).
 */
import type { DnsRecord } from './types';

/** masterdump.c `indent`: tabs up to the column, or one space when already past it. */
function indent(column: number, to: number): { text: string; column: number } {
  if (column >= to) return { text: ' ', column: column + 1 };
  let text = '';
  let at = column;
  while (at < to) {
    text += '\t';
    at = (Math.floor(at / 8) + 1) * 8;
  }
  return { text, column: at };
}

/** Fields laid out at the given columns. */
export function columns(fields: string[], stops: number[]): string {
  let out = '';
  let column = 0;
  fields.forEach((field, i) => {
    if (i > 0) {
      const step = indent(column, stops[i - 1] ?? column);
      out += step.text;
      column = step.column;
    }
    out += field;
    column += field.length;
  });
  return out;
}

/** The record's data as presentation text. */
export function rdataText(record: DnsRecord): string {
  switch (record.type) {
    case 'SRV':
      return `${record.data.priority} ${record.data.weight} ${record.data.port} ${record.data.target}`;
    case 'TXT':
      return record.data
        .map((s) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
        .join(' ');
    case 'SOA': {
      const d = record.data;
      return `${d.mname} ${d.rname} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
    default:
      return record.data;
  }
}

/** One record as dig prints it in a section. */
export function recordLine(record: DnsRecord): string {
  return columns(
    [record.name, String(record.ttl), record.class, record.type, rdataText(record)],
    [24, 32, 40, 48],
  );
}
