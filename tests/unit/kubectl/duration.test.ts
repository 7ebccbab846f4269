/**
 * duration.HumanDuration, transcribed from kubernetes/apimachinery pkg/util/duration/duration_test.go
 * at commit eed236ceee2c19c2753a3d93ac0631dc20750454 (TestHumanDuration, TestHumanDurationBoundaries).
 */
import { describe, expect, it } from 'vitest';
import { humanDuration, toAge } from '../../../src/engine/kubectl/duration';

const s = 1;
const m = 60;
const h = 3600;
const d = 24 * h;
const ms = 0.001;

describe('humanDuration', () => {
  it.each([
    [s, '1s'],
    [70 * s, '70s'],
    [190 * s, '3m10s'],
    [70 * m, '70m'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * d, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [(365 * 8 * 24 + 2) * h, '8y'],
  ])('prints %s seconds as %s', (seconds, want) => {
    expect(humanDuration(seconds)).toBe(want);
  });

  it.each([
    [-2 * s, '<invalid>'],
    [-2 * s + 1e-9, '0s'],
    [0, '0s'],
    [s - ms, '0s'],
    [2 * m - ms, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [10 * m - ms, '9m59s'],
    [10 * m, '10m'],
    [10 * m + s, '10m'],
    [3 * h - ms, '179m'],
    [3 * h, '3h'],
    [3 * h + m, '3h1m'],
    [8 * h - ms, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [2 * d - ms, '47h'],
    [2 * d, '2d'],
    [2 * d + h, '2d1h'],
    [8 * d - ms, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 23 * h, '8d'],
    [2 * 365 * d - ms, '729d'],
    [2 * 365 * d, '2y'],
    [2 * 365 * d + 23 * h, '2y'],
    [2 * 365 * d + d, '2y1d'],
    [3 * 365 * d, '3y'],
    [8 * 365 * d - ms, '7y364d'],
    [8 * 365 * d, '8y'],
    [9 * 365 * d, '9y'],
  ])('keeps the boundary at %s seconds: %s', (seconds, want) => {
    expect(humanDuration(seconds)).toBe(want);
  });

  it('prints the age of an object created by admission against the fixed clock', () => {
    expect(toAge('2025-01-01T00:00:05Z')).toBe('10d');
    expect(toAge(undefined)).toBe('<unknown>');
  });
});
