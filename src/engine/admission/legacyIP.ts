/**
 * IP and CIDR fields that predate strict validation, checked as Kubernetes 1.36 checks them
 * (apimachinery pkg/util/validation/ip.go IsValidIPForLegacyField and IsValidCIDRForLegacyField
 * with strict validation: the
 * StrictIPCIDRValidation feature gate is beta and on by default since 1.36, kubernetes/kubernetes
 * PR 137053). An address Go's ParseIPSloppy reads but net/netip does not has leading zeros.
 */
import { parseCIDR, parseCIDRSloppy, parseIP, parseIPSloppy } from '../net/ip';
import { invalid, type FieldErrors } from './fieldErrors';

/** `IsValidIP`'s message for a value that is no IP address at all. */
const invalidIPMessage = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** IsValidIPForLegacyField, strict: an IP address, without leading zeros, not IPv4-mapped IPv6. */
export function validateLegacyIP(path: string, text: string): FieldErrors {
  const ip = parseIP(text);
  if (!ip)
    return [
      invalid(path, text, parseIPSloppy(text) ? 'must not have leading 0s' : invalidIPMessage),
    ];
  if (ip.family === 6 && ip.value >> 32n === 0xffffn)
    return [invalid(path, text, 'must not be an IPv4-mapped IPv6 address')];
  return [];
}

/** `IsValidCIDR`'s message for a value that is no CIDR at all. */
export const invalidCIDRMessage = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * IsValidCIDRForLegacyField, strict: a CIDR without leading zeros, not IPv4-mapped, and a subnet
 * (no bits set beyond the prefix length).
 */
export function validateLegacyCIDR(path: string, text: string): FieldErrors {
  const cidr = parseCIDR(text);
  if (!cidr)
    return [
      invalid(
        path,
        text,
        parseCIDRSloppy(text)
          ? 'must not have leading 0s in IP or prefix length'
          : invalidCIDRMessage,
      ),
    ];
  if (cidr.ip.family === 6 && cidr.ip.value >> 32n === 0xffffn)
    return [invalid(path, text, 'must not have an IPv4-mapped IPv6 address')];
  if (cidr.network !== cidr.ip.value)
    return [invalid(path, text, 'must not have bits set beyond the prefix length')];
  return [];
}
