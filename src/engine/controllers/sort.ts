/**
 * A stable sort in place that allocates nothing for short lists. Array.prototype.sort copies
 * the list into a work array first; the controllers sort tens of thousands of short lists per
 * run (each Service's few endpoints, each template object's keys), and those copies were a
 * good part of the garbage a large cluster's run leaves to collect.
 */
const insertionSortLimit = 16;

export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > insertionSortLimit) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as T, item) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

/** Strings in UTF-16 code unit order, as the default sort orders them. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
