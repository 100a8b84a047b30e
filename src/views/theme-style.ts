/**
 * Colours as CSS variables, so every view and the report follow the front end's theme: JupyterLab's
 * `--jp-*` and VS Code's `--vscode-*` variables win when the host defines them, `prefers-color-scheme`
 * picks the fallback otherwise. Each view also paints its own background: a host that keeps a light page
 * under a dark system setting (classic Notebook) still shows light text on a dark box, never on white.
 */
interface Palette {
  readonly fg: string;
  readonly bg: string;
  readonly muted: string;
  readonly border: string;
  readonly headBg: string;
  readonly link: string;
  readonly okFg: string;
  readonly okBg: string;
  readonly badFg: string;
  readonly badBg: string;
  readonly warnFg: string;
  readonly warnBg: string;
  readonly greyFg: string;
  readonly greyBg: string;
}

const LIGHT: Palette = {
  fg: "#1f2328",
  bg: "#ffffff",
  muted: "#57606a",
  border: "#d0d7de",
  headBg: "#f6f8fa",
  link: "#0969da",
  okFg: "#116329",
  okBg: "#dafbe1",
  badFg: "#a40e26",
  badBg: "#ffebe9",
  warnFg: "#7d4e00",
  warnBg: "#fff8c5",
  greyFg: "#57606a",
  greyBg: "#eaeef2",
};

const DARK: Palette = {
  fg: "#e6edf3",
  bg: "#0d1117",
  muted: "#9198a1",
  border: "#3d444d",
  headBg: "#151b23",
  link: "#4493f8",
  okFg: "#7ee787",
  okBg: "#12361f",
  badFg: "#ffa198",
  badBg: "#4a1418",
  warnFg: "#f2cc60",
  warnBg: "#3b2e0a",
  greyFg: "#b7bdc8",
  greyBg: "#2a313c",
};

function variables(p: Palette): string {
  return [
    `--cl-fg:var(--jp-content-font-color1,var(--vscode-editor-foreground,${p.fg}));`,
    `--cl-bg:var(--jp-layout-color0,var(--vscode-editor-background,${p.bg}));`,
    `--cl-muted:var(--jp-content-font-color2,var(--vscode-descriptionForeground,${p.muted}));`,
    `--cl-border:var(--jp-border-color1,var(--vscode-panel-border,${p.border}));`,
    `--cl-head-bg:var(--jp-layout-color2,var(--vscode-editorWidget-background,${p.headBg}));`,
    `--cl-link:var(--jp-content-link-color,var(--vscode-textLink-foreground,${p.link}));`,
    `--cl-ok-fg:${p.okFg};--cl-ok-bg:${p.okBg};--cl-bad-fg:${p.badFg};--cl-bad-bg:${p.badBg};`,
    `--cl-warn-fg:${p.warnFg};--cl-warn-bg:${p.warnBg};--cl-grey-fg:${p.greyFg};--cl-grey-bg:${p.greyBg};`,
  ].join("\n");
}

/** The variables for `selector`, light by default and dark under `prefers-color-scheme: dark`. */
export function themeVariables(selector: string): string {
  return `${selector}{\n${variables(LIGHT)}\n}\n@media (prefers-color-scheme:dark){${selector}{\n${variables(DARK)}\n}}`;
}

/** The palettes as data, for renderers that cannot read CSS (the PNG of a chart). */
export const PALETTES = { light: LIGHT, dark: DARK } as const;

/**
 * Vega writes chart colours as SVG attributes; CSS wins over those, so a chart inlined as SVG follows the
 * theme too. Its PNG keeps the light colours on white.
 */
export function chartThemeRules(scope: string): string {
  return [
    `${scope} svg text{fill:var(--cl-fg)}`,
    `${scope} svg .role-axis-grid line,${scope} svg path.background{stroke:var(--cl-border)}`,
    `${scope} svg .role-axis-domain line,${scope} svg .role-axis-tick line{stroke:var(--cl-muted)}`,
    `${scope} svg>rect:first-child{fill:transparent}`,
  ].join("\n");
}
