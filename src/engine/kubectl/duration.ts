/**
 * Ages as kubectl prints them, against the playground's fixed clock (no wall clock anywhere).
 */

/**
 * The simulated "now" every AGE column and `describe` is computed against: 2025-01-11T12:00:00Z.
 * Admission stamps objects from 2025-01-01T00:00:00Z plus one second per object
 * (src/engine/admission/meta.ts), so everything the playground creates is 10 days old: `10d`.
 * A pasted snapshot (`--admitted`) keeps its own timestamps and shows their age at this moment.
 */
export const simulatedNow = Date.UTC(2025, 0, 11, 12, 0, 0);

/**
 * duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration/duration.go); `totalSeconds`
 * may have a fraction, truncated at each step as Go's integer division of a Duration does.
 */
export function humanDuration(totalSeconds: number): string {
  const seconds = Math.trunc(totalSeconds);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(totalSeconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(totalSeconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * translateTimestampSince (pkg/printers/internalversion/printers.go): `<unknown>` without a
 * timestamp, else the human duration from it to the simulated now.
 */
export function toAge(timestamp: string | undefined, now: number = simulatedNow): string {
  if (!timestamp) return '<unknown>';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return '<unknown>';
  return humanDuration((now - at) / 1000);
}
