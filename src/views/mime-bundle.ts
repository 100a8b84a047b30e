import type { TopLevelSpec } from "vega-lite";

/**
 * What a notebook, the workbook or the report displays: one bundle per output, so each front end picks
 * the richest part it understands and plain text always remains.
 */
export interface MimeBundle {
  readonly "text/plain": string;
  readonly "text/html": string;
  readonly "application/vnd.vegalite.v5+json"?: TopLevelSpec;
  /** Base64 PNG of a chart, for front ends that show no SVG or HTML (untrusted notebooks, static viewers). */
  readonly "image/png"?: string;
}

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
