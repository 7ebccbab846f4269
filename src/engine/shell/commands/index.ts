/**
 * The commands of `kube-playground`, one file each. To add one: write `commands/<name>.ts`
 * exporting a `Command`, import it here and add one line to the list (one entry per line, so
 * that additions from several people merge without conflict).
 */
import type { Command } from '../command';
import { apply } from './apply';
import { describe } from './describe';
import { get } from './get';
import { ip6tablesSave } from './ip6tablesSave';
import { iptablesSave } from './iptablesSave';
import { trace } from './trace';
import { dig } from './dig';
import { nslookup } from './nslookup';
import { ipvsadm } from './ipvsadm';
import { ipset } from './ipset';
import { nft } from './nft';

// prettier-ignore
export const commands: readonly Command[] = [
  apply,
  get,
  describe,
  iptablesSave,
  ip6tablesSave,
  trace,
  dig,
  nslookup,
  ipvsadm,
  ipset,
  nft,
];
