/** What users read about warm interpreters (--warm): why a node ran in a cold process after all. */

export const warmNotOnPlatform = (platform: string): string => `warm interpreters need Linux (fork and /proc); this is ${platform}`;
export const bubblewrapNoCapability = (why: string): string =>
  `bubblewrap cannot give the fork server CAP_SYS_ADMIN and CAP_SETPCAP, which its processes need to make a node's sandbox (its own mount namespace) and then drop every capability: ${why}`;
export const warmSandboxFailed = (call: string, path: string | null, error: string): string =>
  `a forked process could not make the node's sandbox: ${call}${path === null ? "" : ` ${path}`} failed (${error})`;
export const warmEnvDiffers = (names: readonly string[]): string =>
  `the node sets ${names.join(", ")}, which Python and its libraries read when they start, so a process forked from the shared interpreter would not see ${names.length === 1 ? "it" : "them"}`;
export const warmServerRefused = (why: string): string => `the fork server does not fork: ${why}`;
export const warmServerEnded = (code: number | null, signal: string | null, tail: string): string =>
  `the fork server ended (${signal ?? `exit ${code ?? "?"}`})${tail === "" ? "" : `: ${tail}`}`;
export const warmServerFailedToStart = (python: string, why: string): string => `the fork server could not start with ${python}: ${why}`;
export const warmChildLost = (): string => "the fork server ended while the script ran";
