/** ValidateNonSpecialIP (pkg/apis/core/validation/validation.go): no unspecified, loopback or link-local addresses. */
import { inCIDR, parseIPSloppy } from '../net/ip';
import { invalid, type FieldErrors } from './fieldErrors';

export function validateNonSpecialIP(text: string, path: string): FieldErrors {
  // Read as netutils.ParseIPSloppy reads it: leading zeros, which strict validation reports, aside.
  const ip = parseIPSloppy(text);
  if (!ip) return [invalid(path, text, 'must be a valid IP address')];
  const errs: FieldErrors = [];
  // An IPv4-mapped IPv6 address is judged as the IPv4 address it carries, as Go's net.IP does.
  const v4 = ip.family === 4 || ip.value >> 32n === 0xffffn;
  const as = (cidr4: string, cidr6: string) =>
    v4
      ? inCIDR(
          `${Number((ip.value >> 24n) & 255n)}.${Number((ip.value >> 16n) & 255n)}.${Number((ip.value >> 8n) & 255n)}.${Number(ip.value & 255n)}`,
          cidr4,
        )
      : inCIDR(text, cidr6);
  if ((v4 && (ip.value & 0xffffffffn) === 0n) || (!v4 && ip.value === 0n))
    errs.push(invalid(path, text, `may not be unspecified (${text})`));
  if (as('127.0.0.0/8', '::1/128'))
    errs.push(invalid(path, text, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (as('169.254.0.0/16', 'fe80::/10'))
    errs.push(
      invalid(path, text, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'),
    );
  if (as('224.0.0.0/24', 'ff02::/16'))
    errs.push(
      invalid(path, text, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'),
    );
  return errs;
}
