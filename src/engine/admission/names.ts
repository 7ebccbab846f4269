/**
 * Name, label and port syntax checks with the API server's messages
 * (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go,
 * staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go).
 */

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${labelKeyFmt})?`;

const dns1123Label = new RegExp(`^${dns1123LabelFmt}$`);
const dns1123Subdomain = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1035Label = new RegExp(`^${dns1035LabelFmt}$`);
const labelKey = new RegExp(`^${labelKeyFmt}$`);
const labelValue = new RegExp(`^${labelValueFmt}$`);

/** `RegexError`: the message, the examples, and the regex used. */
function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${format}')`;
}

/**
 * The messages of a valid value: none, shared by every check that passes (nearly all of them)
 * rather than an empty list made for each name and label checked. Frozen: nothing adds to it.
 */
const valid: readonly string[] = Object.freeze([]);

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * The same limit as the content package words it (apimachinery pkg/api/validate/content
 * MaxLenError), which checks label keys and values since Kubernetes 1.35.
 */
function maxBytesError(length: number): string {
  return `must be no more than ${length} bytes`;
}

/**
 * Byte length, as Go's len() counts a string (UTF-8): read by UTF-16 code units rather than by
 * code points (a string per character), a surrogate pair counting as its code point's four bytes
 * and a lone surrogate as three.
 */
export function byteLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Whether `value` has more than `max` bytes in UTF-8. A UTF-16 unit is at most three bytes, so
 * a value of up to a third of `max` units is not counted.
 */
function longerThan(value: string, max: number): boolean {
  return value.length * 3 > max && byteLength(value) > max;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function isDNS1123Label(value: string): readonly string[] {
  if (!longerThan(value, 63) && dns1123Label.test(value)) return valid;
  const errs: string[] = [];
  if (longerThan(value, 63)) errs.push(maxLenError(63));
  if (!dns1123Label.test(value)) {
    if (dns1123Subdomain.test(value)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          dns1123LabelFmt,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): readonly string[] {
  return subdomainErrors(value, maxLenError);
}

/** IsDNS1123Subdomain, its length error worded by `tooLong` (the content package says bytes). */
function subdomainErrors(value: string, tooLong: (max: number) => string): readonly string[] {
  if (!longerThan(value, 253) && dns1123Subdomain.test(value)) return valid;
  const errs: string[] = [];
  if (longerThan(value, 253)) errs.push(tooLong(253));
  if (!dns1123Subdomain.test(value))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt,
        'example.com',
      ),
    );
  return errs;
}

export function isDNS1035Label(value: string): readonly string[] {
  if (!longerThan(value, 63) && dns1035Label.test(value)) return valid;
  const errs: string[] = [];
  if (longerThan(value, 63)) errs.push(maxLenError(63));
  if (!dns1035Label.test(value))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

const labelKeyMessage =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * `IsQualifiedName` / `IsLabelKey` (pkg/api/validate/content/kube.go since Kubernetes 1.35): an
 * optional DNS subdomain prefix, `/`, and a name; lengths are worded in bytes.
 */
export function isQualifiedName(value: string): readonly string[] {
  // Most keys have no prefix and a valid name: checked without splitting or a list.
  const plain = !value.includes('/');
  if (plain && value.length > 0 && !longerThan(value, 63) && labelKey.test(value)) return valid;
  const errs: string[] = [];
  const parts = plain ? [value] : value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] ?? '';
  else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...subdomainErrors(prefix, maxBytesError).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(labelKeyMessage, labelKeyFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (longerThan(name, 63)) errs.push(`name part ${maxBytesError(63)}`);
  if (!labelKey.test(name))
    errs.push(
      `name part ${regexError(labelKeyMessage, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`,
    );
  return errs;
}

export function isValidLabelValue(value: string): readonly string[] {
  if (!longerThan(value, 63) && labelValue.test(value)) return valid;
  const errs: string[] = [];
  if (longerThan(value, 63)) errs.push(maxBytesError(63));
  if (!labelValue.test(value))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export function isValidPortNum(port: number): readonly string[] {
  return port >= 1 && port <= 65535 ? valid : [inclusiveRangeError(1, 65535)];
}

/**
 * A valid IANA service name, but for consecutive hyphens: lowercase alphanumerics and inner
 * hyphens, with at least one letter.
 */
const portName = /^(?=[-a-z0-9]*[a-z])[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** `IsValidPortName` (IANA service name syntax). */
export function isValidPortName(port: string): readonly string[] {
  if (!longerThan(port, 15) && portName.test(port) && !port.includes('--')) return valid;
  const errs: string[] = [];
  if (longerThan(port, 15)) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** `IsValidPercent`. */
export function isValidPercent(value: string): readonly string[] {
  return /^[0-9]+%$/.test(value)
    ? valid
    : [
        regexError(
          "a valid percent string must be a numeric string followed by an ending '%'",
          '[0-9]+%',
          '1%',
          '93%',
        ),
      ];
}
