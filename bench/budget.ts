// The shape of a goal in the report, shared by the report and each part that adds goals of its own.

/** One goal of the issues and whether this run met it. */
export interface Budget {
  what: string;
  limit: string;
  measured: string;
  pass: boolean;
}
