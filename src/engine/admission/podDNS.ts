/**
 * validatePodDNSConfig (pkg/apis/core/validation/validation.go at
 * a7264f95ffc8b56377da16e83461aa59467ebb3e): what a pod's dnsConfig must hold, and what
 * `dnsPolicy: None` requires of it.
 */
import type { PodSpec } from '../model';
import { invalid, invalidRaw, required, type FieldErrors } from './fieldErrors';
import { jsonStringSlice } from './goFormat';
import { validateLegacyIP } from './legacyIP';
import { isRecord } from './meta';
import { isDNS1123Subdomain } from './names';

const maxNameservers = 3;
const maxSearchPaths = 32;
const maxSearchListChars = 2048;

export function validatePodDNSConfig(errs: FieldErrors, spec: PodSpec, path: string): void {
  const at = `${path}.dnsConfig`;
  const config = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!isRecord(config)) {
      errs.push(required(at, 'must provide `dnsConfig` when `dnsPolicy` is None'));
      return;
    }
    if (!Array.isArray(config.nameservers) || config.nameservers.length === 0) {
      errs.push(
        required(
          `${at}.nameservers`,
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      );
      return;
    }
  }
  if (!isRecord(config)) return;
  const nameservers = Array.isArray(config.nameservers) ? config.nameservers.map(String) : [];
  if (nameservers.length > maxNameservers)
    errs.push(
      invalidRaw(
        `${at}.nameservers`,
        jsonStringSlice(nameservers),
        `must not have more than ${maxNameservers} nameservers`,
      ),
    );
  nameservers.forEach((ns, i) => errs.push(...validateLegacyIP(`${at}.nameservers[${i}]`, ns)));
  const searches = Array.isArray(config.searches) ? config.searches.map(String) : [];
  if (searches.length > maxSearchPaths)
    errs.push(
      invalidRaw(
        `${at}.searches`,
        jsonStringSlice(searches),
        `must not have more than ${maxSearchPaths} search paths`,
      ),
    );
  if (searches.join(' ').length > maxSearchListChars)
    errs.push(
      invalidRaw(
        `${at}.searches`,
        jsonStringSlice(searches),
        `must not have more than ${maxSearchListChars} characters (including spaces) in the search list`,
      ),
    );
  searches.forEach((search, i) => {
    // A trailing dot is fine.
    const name = search.endsWith('.') ? search.slice(0, -1) : search;
    for (const m of isDNS1123Subdomain(name)) errs.push(invalid(`${at}.searches[${i}]`, name, m));
  });
  (Array.isArray(config.options) ? config.options : []).forEach((option: unknown, i) => {
    if (!isRecord(option) || typeof option.name !== 'string' || option.name === '')
      errs.push(required(`${at}.options[${i}]`, 'must not be empty'));
  });
}
