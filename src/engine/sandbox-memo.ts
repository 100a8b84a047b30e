import { mkdirSync, readFileSync, readlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";
import { fileIdentity, locateCommand } from "./file-identity.js";
import { assertOwnedPath } from "./owned-path.js";
import { noteAnswer } from "../io/consults.js";
import { sandboxSupport, useSandboxSupport, type SandboxSupport } from "./sandbox.js";

const supportSchema = z.union([z.object({ ok: z.literal(true), tool: z.string() }), z.object({ ok: z.literal(false), why: z.string() })]);
const memoSchema = z.object({ host: z.string(), support: supportSchema });

const MEMO_FILE = "sandbox.json";

/**
 * Files whose content decides whether this user may make namespaces: the kernel's limits and, where the
 * kernel has them, its switches for unprivileged user namespaces (Debian, Ubuntu's AppArmor).
 */
const KERNEL_SWITCHES = ["/proc/sys/user/max_user_namespaces", "/proc/sys/kernel/unprivileged_userns_clone", "/proc/sys/kernel/apparmor_restrict_unprivileged_userns"];

/**
 * Whether bubblewrap can make a private mount namespace here, answered from
 * `<workspace>/cache/sandbox.json` while everything the answer stands on is as it was: the bwrap file
 * (stat identity), this boot, the user and mount namespaces this process lives in, the user, and the
 * kernel's switches. A run that reuses every node then starts no process to ask. Anything unknown
 * (no bwrap found) asks, as before.
 */
export function sandboxSupportMemoised(workspace: string): SandboxSupport {
  const host = sandboxHost();
  noteAnswer(SANDBOX_HOST, host ?? "no bubblewrap");
  if (host === undefined) return sandboxSupport();
  const cache = join(resolve(workspace), "cache");
  const file = join(cache, MEMO_FILE);
  assertOwnedPath(workspace, file);
  const known = readJsonIf(file, memoSchema);
  if (known !== undefined && known.host === host) {
    useSandboxSupport(known.support);
    return known.support;
  }
  const support = sandboxSupport();
  if (sandboxHost() === host) {
    mkdirSync(cache, { recursive: true });
    assertOwnedPath(workspace, file);
    writeJsonAtomic(file, { host, support });
  }
  return support;
}

/** The kind of answer `sandboxHost` gives, as a run's consults name it. */
export const SANDBOX_HOST = "sandbox-host";

/** Everything the sandbox answer stands on, as one string; undefined when there is no bwrap to ask. */
export function sandboxHost(): string | undefined {
  const bwrap = locateCommand("bwrap");
  const identity = bwrap === undefined ? undefined : fileIdentity(bwrap);
  if (identity === undefined) return undefined;
  const read = (path: string): string => {
    try {
      return readFileSync(path, "utf8").trim();
    } catch {
      return "-";
    }
  };
  const link = (path: string): string => {
    try {
      return readlinkSync(path);
    } catch {
      return "-";
    }
  };
  const user = `${process.getuid?.() ?? "-"}:${process.geteuid?.() ?? "-"}:${process.getgid?.() ?? "-"}`;
  return JSON.stringify([identity, read("/proc/sys/kernel/random/boot_id"), link("/proc/self/ns/user"), link("/proc/self/ns/mnt"), user, ...KERNEL_SWITCHES.map(read)]);
}
