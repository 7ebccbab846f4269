/**
 * Named migrations: each takes the data of one format version to the next. A link, a file or a
 * saved document made by an older build passes through every migration from its version up to
 * `currentVersion`, then through `restore`'s checks. Never edit a migration that has shipped:
 * add the next one (and a frozen fixture of the format it reads, in tests/unit/share/).
 */

export interface Migration {
  /** What the migration does, for messages and tests. */
  name: string;
  /** The version it reads; it writes `from + 1`. */
  from: number;
  migrate(data: Record<string, unknown>): Record<string, unknown>;
}

export const migrations: readonly Migration[] = [
  {
    // Version 0: the document record the first builds kept in localStorage, `{ text, scenario }`.
    // Version 1 adds the seed, the snapshot flag and the view, which take their defaults.
    name: 'document-record-to-v1',
    from: 0,
    migrate: ({ text, scenario }) => ({ text, scenario }),
  },
];
