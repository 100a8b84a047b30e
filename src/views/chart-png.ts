import { Resvg } from "@resvg/resvg-js";

/** Base64 of bytes without Node's Buffer, so views stay free of Node APIs. */
function base64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * A chart's SVG as a PNG (base64, as Jupyter's `image/png` carries it), rasterised by resvg with the
 * system fonts: untrusted notebooks and static viewers drop SVG and HTML but show images. Light colours
 * on white, as the SVG's own attributes say, because no page theme reaches an image.
 */
export function chartPng(svg: string): string {
  const resvg = new Resvg(svg, { background: "white", fitTo: { mode: "zoom", value: 1.5 }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } });
  return base64(resvg.render().asPng());
}
