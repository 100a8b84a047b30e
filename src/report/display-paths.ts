import { homedir, tmpdir } from "node:os";
import { basename, resolve, sep } from "node:path";

export interface PathPolicy {
  /** Paths under it are shown relative to it. */
  readonly projectRoot: string;
  readonly workspace: string;
  /** Hide every machine-specific absolute path (workspace, home, temp folders). */
  readonly redact: boolean;
}

// Absolute paths that name a person's machine; container paths (/opt/ml/...) and interpreters (/usr/bin) are kept.
const PRIVATE_PATH = /(?<![\w.~<>-])\/(?:home|Users|tmp|work|root|mnt|srv|var\/folders|private)\/[^\s"'`,;:()[\]{}<>]*/g;

/**
 * A function that rewrites every path inside a text: the project's own become relative, the workspace's
 * become `<workspace>/...` when redacting, and with redaction any other private path keeps only its
 * file name. Applied to whole texts (failure tails, reasons) as well as to path fields, because scripts
 * and messages quote paths too.
 */
export function pathScrubber(policy: PathPolicy): (text: string) => string {
  const root = resolve(policy.projectRoot);
  const prefixes: [string, string][] = [[`${root}${sep}`, ""]];
  if (policy.redact) {
    prefixes.push([`${resolve(policy.workspace)}${sep}`, "<workspace>/"], [`${homedir()}${sep}`, "~/"], [`${tmpdir()}${sep}`, "<tmp>/"]);
  }
  // Longest first: a workspace inside the project stays a project-relative path.
  prefixes.sort((a, b) => b[0].length - a[0].length);
  const exact = new Map<string, string>([[root, "."]]);
  if (policy.redact) exact.set(resolve(policy.workspace), "<workspace>");
  return (text) => {
    const whole = exact.get(text);
    if (whole !== undefined) return whole;
    let out = text;
    for (const [from, to] of prefixes) out = out.split(from).join(to);
    return policy.redact ? out.replace(PRIVATE_PATH, (p) => `<redacted>/${basename(p)}`) : out;
  };
}

/** Every string of a JSON-like value through `scrub`; keys are kept (they are names, not paths). */
export function scrubStrings<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === "string") return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubStrings(v, scrub)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, scrub)])) as T;
  }
  return value;
}
