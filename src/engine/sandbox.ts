import { spawnSync } from "node:child_process";
import * as msg from "../messages.js";
import { CONTAINER_ROOT, type Mount } from "./sandbox-plan.js";

export type { Mount } from "./sandbox-plan.js";

export type SandboxSupport = { readonly ok: true; readonly tool: string } | { readonly ok: false; readonly why: string };

let probed: SandboxSupport | undefined;
let capable: SandboxSupport | undefined;

/** Whether bubblewrap can make a private mount namespace here; asked once per process. */
export function sandboxSupport(): SandboxSupport {
  probed ??= probe(["--dev-bind", "/", "/", "--tmpfs", "/tmp", "true"], msg.bubblewrapRefused);
  return probed;
}

/** The answer a probe gave under the same conditions (sandbox-memo.ts), so this process need not ask. */
export function useSandboxSupport(support: SandboxSupport): void {
  probed ??= support;
}

/**
 * The bwrap arguments a fork server runs under so its children can make their own mount namespaces.
 * CAP_SYS_ADMIN is the one capability mount(2) and unshare(CLONE_NEWNS) ask for, CAP_SETPCAP lets a child
 * drop every capability afterwards, as bwrap leaves a cold node run by anyone but root. As root bwrap keeps
 * them anyway; without root they are granted inside the user namespace bwrap makes; a setuid bwrap refuses
 * to add them for anyone but root (then the production entry runs cold). bwrap also sets no_new_privs, as
 * for a cold node. No pid namespace: the pids the server reports must be the ones we signal.
 */
export const FORK_SERVER_SANDBOX: readonly string[] = ["--dev-bind", "/", "/", "--die-with-parent", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP"];

/** Whether bubblewrap grants a fork server what its children need to make a node's sandbox; asked once per process. */
export function forkSandboxSupport(): SandboxSupport {
  const base = sandboxSupport();
  if (!base.ok) return base;
  capable ??= probe([...FORK_SERVER_SANDBOX, "true"], msg.bubblewrapNoCapability);
  return capable;
}

function probe(args: readonly string[], refused: (why: string) => string): SandboxSupport {
  const found = spawnSync("bwrap", args, { encoding: "utf8", timeout: 10_000 });
  if (found.error !== undefined) return { ok: false, why: (found.error as NodeJS.ErrnoException).code === "ENOENT" ? msg.bubblewrapMissing() : found.error.message };
  if (found.status !== 0) return { ok: false, why: refused(found.stderr.trim() || `exit ${found.status}`) };
  return { ok: true, tool: "bubblewrap" };
}

/** Container paths the sandbox cannot show: only SageMaker's /opt tree is mapped. */
export function unmappable(mounts: readonly Mount[]): string[] {
  return mounts.filter((m) => !m.container.startsWith(CONTAINER_ROOT)).map((m) => m.container);
}
