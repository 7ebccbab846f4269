/**
 * IP fields that predate strict IP validation, checked as Kubernetes 1.36 checks them
 * (apimachinery pkg/util/validation/ip.go IsValidIPForLegacyField with strict validation: the
 * StrictIPCIDRValidation feature gate is beta and on by default since 1.36, kubernetes/kubernetes
 * PR 137053). An address Go's ParseIPSloppy reads but net/netip does not has leading zeros.
 */
import { parseIP, type IP } from '../net/ip';
import { invalid, type FieldErrors } from './fieldErrors';

/** `IsValidIP`'s message for a value that is no IP address at all. */
export const invalidIPMessage = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

const dottedWithZeros = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * netutils.ParseIPSloppy: as parseIP, and also IPv4 with leading zeros in its octets, read as
 * decimal (010.000.000.005 is 10.0.0.5).
 */
export function parseIPSloppy(text: string): IP | undefined {
  const ip = parseIP(text);
  if (ip) return ip;
  const m = dottedWithZeros.exec(text);
  if (!m) return undefined;
  let value = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return { family: 4, value };
}

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
