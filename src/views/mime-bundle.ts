import type { TopLevelSpec } from "vega-lite";

/**
 * What a notebook, the workbook or the report displays: one bundle per output, so each front end picks
 * the richest part it understands and plain text always remains.
 */
export interface MimeBundle {
  readonly "text/plain": string;
  readonly "text/html": string;
  readonly "application/vnd.vegalite.v5+json"?: TopLevelSpec;
}

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
