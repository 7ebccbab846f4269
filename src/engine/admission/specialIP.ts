/**
 * ValidateNonSpecialIP (pkg/apis/core/validation/validation.go): no unspecified, loopback or
 * link-local addresses. Each range is the one Go's net.IP predicate tests (src/net/ip.go
 * IsUnspecified, IsLoopback, IsLinkLocalUnicast, IsLinkLocalMulticast), which the messages only
 * approximate: IPv6 link-local multicast is any ffX2::/16 (the flags nibble is not read), not
 * the ff02::/10 the message names.
 */
import { parseIPSloppy, type IP } from '../net/ip';
import { invalid, type FieldErrors } from './fieldErrors';

/** The address as net.IP.To4 reads it: an IPv4 address, or the one an IPv4-mapped IPv6 address carries. */
function ipv4Of(ip: IP): number | undefined {
  if (ip.family === 4) return Number(ip.value);
  return ip.value >> 32n === 0xffffn ? Number(ip.value & 0xffffffffn) : undefined;
}

/** The first 16 bits of an IPv6 address. */
const ipv6Head = (ip: IP) => Number(ip.value >> 112n);

/** IsUnspecified: 0.0.0.0 (mapped too) or ::. */
function isUnspecified(ip: IP): boolean {
  const v4 = ipv4Of(ip);
  return v4 === undefined ? ip.value === 0n : v4 === 0;
}

/** IsLoopback: 127.0.0.0/8 (mapped too) or ::1. */
function isLoopback(ip: IP): boolean {
  const v4 = ipv4Of(ip);
  return v4 === undefined ? ip.value === 1n : v4 >>> 24 === 127;
}

/** IsLinkLocalUnicast: 169.254.0.0/16 (mapped too) or fe80::/10. */
function isLinkLocalUnicast(ip: IP): boolean {
  const v4 = ipv4Of(ip);
  return v4 === undefined ? (ipv6Head(ip) & 0xffc0) === 0xfe80 : v4 >>> 16 === 0xa9fe;
}

/** IsLinkLocalMulticast: 224.0.0.0/24 (mapped too), or ff02::/16 with any flags (ffX2::). */
function isLinkLocalMulticast(ip: IP): boolean {
  const v4 = ipv4Of(ip);
  return v4 === undefined ? (ipv6Head(ip) & 0xff0f) === 0xff02 : v4 >>> 8 === 0xe00000;
}

export function validateNonSpecialIP(text: string, path: string): FieldErrors {
  // Read as netutils.ParseIPSloppy reads it: leading zeros, which strict validation reports, aside.
  const ip = parseIPSloppy(text);
  if (!ip) return [invalid(path, text, 'must be a valid IP address')];
  const errs: FieldErrors = [];
  if (isUnspecified(ip)) errs.push(invalid(path, text, `may not be unspecified (${text})`));
  if (isLoopback(ip))
    errs.push(invalid(path, text, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (isLinkLocalUnicast(ip))
    errs.push(
      invalid(path, text, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'),
    );
  if (isLinkLocalMulticast(ip))
    errs.push(
      invalid(path, text, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'),
    );
  return errs;
}
