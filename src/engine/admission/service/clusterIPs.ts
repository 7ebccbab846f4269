/**
 * The clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy fields: their validation
 * (pkg/apis/core/validation/validation.go ValidateServiceClusterIPsRelatedFields) and their
 * initialisation before allocation (pkg/registry/core/service/storage/alloc.go initIPFamilyFields).
 */
import type { IPFamily, IPFamilyPolicy, Service } from '../../model';
import { parseIP } from '../../net/ip';
import {
  duplicate,
  invalid,
  invalidRaw,
  notSupported,
  required,
  type FieldErrors,
} from '../fieldErrors';
import { goQuote, jsonStringSlice } from '../goFormat';
import { sameItems } from '../json';
import { validateLegacyIP } from '../legacyIP';

const families: readonly string[] = ['IPv4', 'IPv6'];
const policies: readonly string[] = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

export function isHeadless(service: Service): boolean {
  const ips = service.spec?.clusterIPs;
  return Array.isArray(ips) && ips.length === 1 && ips[0] === 'None';
}

/** The family a dual-stack Service adds to `family`. */
function otherFamily(family: IPFamily): IPFamily {
  return family === 'IPv4' ? 'IPv6' : 'IPv4';
}

function familyOf(ip: string): IPFamily | undefined {
  const parsed = parseIP(ip);
  return parsed ? (parsed.family === 4 ? 'IPv4' : 'IPv6') : undefined;
}

/** The clusterIPs as written, as a field error prints them (made only for one). */
function renderedIPs(written: unknown, ips: readonly string[]): string {
  return jsonStringSlice(Array.isArray(written) ? ips : undefined);
}

const none: readonly string[] = Object.freeze([]);

/** The clusterIPs as strings: the list itself when they are (as nearly always), not a copy. */
function clusterIPTexts(written: unknown): readonly string[] {
  if (!Array.isArray(written)) return none;
  for (const ip of written as unknown[]) if (typeof ip !== 'string') return written.map(String);
  return written as string[];
}

/** Whether `family` is among the first `count` of `families`, as strings (a Set per Service aside). */
function listedBefore(families: readonly unknown[], count: number, family: string): boolean {
  for (let i = 0; i < count; i++) if (String(families[i]) === family) return true;
  return false;
}

/** ValidateServiceClusterIPsRelatedFields. */
export function validateClusterIPsRelatedFields(service: Service): FieldErrors {
  const spec = service.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldErrors = [];
  const ip = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const ips = clusterIPTexts(spec.clusterIPs);
  if (ip !== '') {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== ip)
      errs.push(
        invalidRaw(
          'spec.clusterIPs',
          renderedIPs(spec.clusterIPs, ips),
          'first value must match `clusterIP`',
        ),
      );
  } else if (ips.length !== 0) {
    errs.push(
      invalidRaw(
        'spec.clusterIPs',
        renderedIPs(spec.clusterIPs, ips),
        'must be empty when `clusterIP` is not specified',
      ),
    );
  }
  const ipFamilies: readonly unknown[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : none;
  for (let i = 0; i < ipFamilies.length; i++) {
    const f = String(ipFamilies[i]);
    if (!families.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, families));
    if (listedBefore(ipFamilies, i, f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
  }
  if (spec.ipFamilyPolicy !== undefined && !policies.includes(String(spec.ipFamilyPolicy)))
    errs.push(notSupported('spec.ipFamilyPolicy', String(spec.ipFamilyPolicy), policies));
  let invalidIPs = false;
  ips.forEach((value, i) => {
    if (i === 0 && value === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(
          invalidRaw(
            'spec.clusterIPs',
            renderedIPs(spec.clusterIPs, ips),
            "'None' must be the first and only value",
          ),
        );
      }
      return;
    }
    const ipErrors = validateLegacyIP(`spec.clusterIPs[${i}]`, value);
    if (ipErrors.length > 0) {
      invalidIPs = true;
      errs.push(...ipErrors);
    }
  });
  if (ips.length > 2)
    errs.push(
      invalidRaw(
        'spec.clusterIPs',
        renderedIPs(spec.clusterIPs, ips),
        'may only hold up to 2 values',
      ),
    );
  if (invalidIPs) return errs;
  if (ips.length > 1 && familyOf(ips[0] ?? '') === familyOf(ips[1] ?? ''))
    errs.push(
      invalidRaw(
        'spec.clusterIPs',
        renderedIPs(spec.clusterIPs, ips),
        'may specify no more than one IP for each IP family',
      ),
    );
  const given = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
  if (!isHeadless(service) && ips.length > 0 && given.length > 0) {
    ips.forEach((value, i) => {
      if (i > given.length - 1) return;
      const v6 = familyOf(value) === 'IPv6';
      if (given[i] === 'IPv4' && v6)
        errs.push(
          invalid(
            `spec.clusterIPs[${i}]`,
            value,
            `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      if (given[i] === 'IPv6' && !v6)
        errs.push(
          invalid(
            `spec.clusterIPs[${i}]`,
            value,
            `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
    });
  }
  return errs;
}

/** Whether a map has no keys, read without a list of them. */
function isEmpty(map: object): boolean {
  for (const _ in map) return false;
  return true;
}

/** Whether an update lists fewer values than the stored Service (an unset list is no request). */
function reduced(now: readonly unknown[] | undefined, before: readonly unknown[] | undefined) {
  return (now ?? []).length > 0 && (now ?? []).length < (before ?? []).length;
}

/**
 * The update-only step of initIPFamilyFields: SingleStack with the stored clusterIPs or
 * ipFamilies unchanged gives up the secondary one (clusterIPs[0] is immutable, so it is kept);
 * any other policy may not drop a value. Returns the errors; `spec` is trimmed in place.
 */
function prepareUpdate(spec: NonNullable<Service['spec']>, before: NonNullable<Service['spec']>) {
  const errs: FieldErrors = [];
  if (spec.ipFamilyPolicy === 'SingleStack') {
    const ips = spec.clusterIPs ?? [];
    const families = spec.ipFamilies ?? [];
    if (ips.length > 1 && sameItems(before.clusterIPs ?? [], ips))
      spec.clusterIPs = ips.slice(0, 1);
    if (families.length > 1 && sameItems(before.ipFamilies ?? [], families))
      spec.ipFamilies = families.slice(0, 1);
    return errs;
  }
  const policy = goQuote(String(spec.ipFamilyPolicy));
  if (reduced(spec.clusterIPs, before.clusterIPs))
    errs.push(
      invalidRaw(
        'spec.ipFamilyPolicy',
        policy,
        "must be 'SingleStack' to release the secondary cluster IP",
      ),
    );
  if (reduced(spec.ipFamilies, before.ipFamilies))
    errs.push(
      invalidRaw(
        'spec.ipFamilyPolicy',
        policy,
        "must be 'SingleStack' to release the secondary IP family",
      ),
    );
  return errs;
}

/**
 * initIPFamilyFields: picks ipFamilyPolicy and ipFamilies from the request, the stored Service and
 * the cluster's service CIDRs (`configured`, primary family first). Returns the errors that stop
 * the request; the Service is completed in place.
 */
export function initIPFamilyFields(
  service: Service,
  old: Service | undefined,
  configured: readonly IPFamily[],
): FieldErrors {
  const spec = (service.spec ??= {});
  if (spec.type === 'ExternalName') return [];
  const selectorless = !spec.selector || isEmpty(spec.selector);
  if (spec.ipFamilyPolicy === undefined) {
    if (old?.spec?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (spec.clusterIP === 'None' && selectorless) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const early = validateClusterIPsRelatedFields(service);
  if (early.length > 0) return early;
  const policy: IPFamilyPolicy = spec.ipFamilyPolicy;
  const errs: FieldErrors = old ? prepareUpdate(spec, old.spec ?? {}) : [];
  const ips = spec.clusterIPs ?? [];
  const ipFamilies: IPFamily[] = [...(spec.ipFamilies ?? [])];
  if (policy === 'SingleStack') {
    if (ips.length === 2)
      errs.push(
        invalidRaw(
          'spec.ipFamilyPolicy',
          goQuote(policy),
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        ),
      );
    if (ipFamilies.length === 2)
      errs.push(
        invalidRaw(
          'spec.ipFamilyPolicy',
          goQuote(policy),
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
        ),
      );
  }
  for (let i = 0; i < ips.length; i++) {
    const value = ips[i] ?? '';
    if (value === 'None') break;
    const family = familyOf(value);
    if (family && i >= ipFamilies.length) {
      if (!configured.includes(family))
        errs.push(
          invalidRaw(
            `spec.clusterIPs[${i}]`,
            jsonStringSlice(ips),
            `${family} is not configured on this cluster`,
          ),
        );
      else ipFamilies.push(family);
    }
  }
  if (errs.length > 0) return errs;
  const primary = configured[0] ?? 'IPv4';
  if (spec.clusterIP === 'None' && selectorless) {
    if (ipFamilies.length === 0) ipFamilies.push(primary);
    if (ipFamilies.length < 2 && policy !== 'SingleStack')
      ipFamilies.push(otherFamily(ipFamilies[0] ?? primary));
    // Stored at its length: a list grown by push keeps room for 16 more, in every Service.
    spec.ipFamilies = ipFamilies.slice();
    return [];
  }
  if (policy === 'RequireDualStack' && configured.length < 2)
    errs.push(
      invalidRaw(
        'spec.ipFamilyPolicy',
        goQuote(policy),
        'this cluster is not configured for dual-stack services',
      ),
    );
  ipFamilies.forEach((family, i) => {
    if (!configured.includes(family))
      errs.push(invalid(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'));
  });
  if (errs.length > 0) return errs;
  if (ipFamilies.length === 0) ipFamilies.push(primary);
  if (policy !== 'SingleStack' && ipFamilies.length === 1 && configured.length === 2)
    ipFamilies.push(otherFamily(ipFamilies[0] ?? primary));
  spec.ipFamilies = ipFamilies.slice();
  return [];
}
