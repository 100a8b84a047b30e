import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, posix, sep } from "node:path";
import * as msg from "../messages.js";

/** A container path and the local file or folder it shows inside the sandbox. */
export interface Mount {
  readonly container: string;
  readonly local: string;
  readonly writable: boolean;
}

export type SandboxSupport = { readonly ok: true; readonly tool: string } | { readonly ok: false; readonly why: string };

/** Where the host's /opt stays reachable inside the sandbox, so /opt itself can be ours. */
const HOST_OPT = "/tmp/.cursus-lab-host-opt";
const CONTAINER_ROOT = "/opt/";

let probed: SandboxSupport | undefined;

/** Whether bubblewrap can make a private mount namespace here; asked once per process. */
export function sandboxSupport(): SandboxSupport {
  probed ??= probe();
  return probed;
}

/** The answer a probe gave under the same conditions (sandbox-memo.ts), so this process need not ask. */
export function useSandboxSupport(support: SandboxSupport): void {
  probed ??= support;
}

function probe(): SandboxSupport {
  const found = spawnSync("bwrap", ["--dev-bind", "/", "/", "--tmpfs", "/tmp", "true"], { encoding: "utf8", timeout: 10_000 });
  if (found.error !== undefined) return { ok: false, why: (found.error as NodeJS.ErrnoException).code === "ENOENT" ? msg.bubblewrapMissing() : found.error.message };
  if (found.status !== 0) return { ok: false, why: msg.bubblewrapRefused(found.stderr.trim() || `exit ${found.status}`) };
  return { ok: true, tool: "bubblewrap" };
}

/** Container paths the sandbox cannot show: only SageMaker's /opt tree is mapped. */
export function unmappable(mounts: readonly Mount[]): string[] {
  return mounts.filter((m) => !m.container.startsWith(CONTAINER_ROOT)).map((m) => m.container);
}

/**
 * bwrap arguments that run a command with the container paths mapped onto local folders, a private
 * /tmp, and the rest of the machine as it is. Nothing is created outside `nodeDir`: /opt becomes a
 * folder of ours holding links to the host's /opt entries, so mount points are made there, and a
 * folder that holds another mount (SageMaker's input channels hold model_artifacts_input) is built
 * from mounts of its entries, so no mount point is made inside an upstream result.
 */
export function sandboxArgs(nodeDir: string, mounts: readonly Mount[], visible: readonly string[], readOnly: readonly string[]): string[] {
  const skeleton = join(nodeDir, "sandbox", "opt");
  const tmp = join(nodeDir, "sandbox", "tmp");
  mkdirSync(skeleton, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  // Its own pid namespace: when the sandbox ends, every process in it ends, whatever it did to its environment.
  const args = ["--dev-bind", "/", "/", "--die-with-parent", "--unshare-pid", "--proc", "/proc", "--bind", tmp, "/tmp"];
  // Paths under the host's /tmp that the command needs are shown again over the private /tmp.
  for (const path of topOfTmp(visible)) args.push("--bind", path, path);
  // Stored results are read by path too (links, absolute paths): inside the sandbox they cannot be written.
  for (const path of readOnly) if (existsSync(path)) args.push("--ro-bind", path, path);
  if (existsSync("/opt")) {
    args.push("--ro-bind", "/opt", HOST_OPT);
    for (const entry of readdirSync("/opt")) if (entry !== "ml") link(join(HOST_OPT, entry), join(skeleton, entry));
  }
  args.push("--bind", skeleton, "/opt");

  const sorted = [...mounts].sort((a, b) => depth(a.container) - depth(b.container));
  for (const mount of sorted) {
    const { container, local } = asFolder(mount);
    const inSkeleton = join(skeleton, container.slice(CONTAINER_ROOT.length));
    const holdsAnother = sorted.some((m) => m !== mount && m.container.startsWith(`${container.replace(/\/$/, "")}/`));
    if (holdsAnother) {
      // Built here entry by entry, each mounted as the folder's own mount would be (read-only for inputs).
      mkdirSync(inSkeleton, { recursive: true });
      for (const entry of safeList(local)) {
        const at = join(inSkeleton, entry);
        if (isDir(join(local, entry))) mkdirSync(at, { recursive: true });
        else if (!existsSync(at)) writeFileSync(at, "");
        args.push(mount.writable ? "--bind" : "--ro-bind", join(local, entry), `${container.replace(/\/$/, "")}/${entry}`);
      }
      continue;
    }
    mkdirSync(dirname(inSkeleton), { recursive: true });
    if (isDir(local)) mkdirSync(inSkeleton, { recursive: true });
    else if (!existsSync(inSkeleton)) writeFileSync(inSkeleton, "");
    args.push(mount.writable ? "--bind" : "--ro-bind", local, container);
  }
  return args;
}

/**
 * A container path that names a file (`.../hyperparams/hyperparameters.json`) fed from a local folder
 * shows that folder at the file's folder, so every file the builder would upload (region-specific
 * names included) is there.
 */
function asFolder(mount: Mount): { container: string; local: string } {
  if (isDir(mount.local) && posix.extname(mount.container) !== "") return { container: posix.dirname(mount.container), local: mount.local };
  return { container: mount.container, local: mount.local };
}

function topOfTmp(paths: readonly string[]): string[] {
  const tops = new Set<string>();
  for (const path of paths) {
    const parts = path.split(sep);
    if (parts[1] === "tmp" && parts[2] !== undefined && parts[2] !== "") tops.add(`/tmp/${parts[2]}`);
  }
  return [...tops].filter((p) => existsSync(p));
}

const depth = (path: string): number => path.split("/").filter((p) => p !== "").length;

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function link(target: string, path: string): void {
  if (!existsSync(path)) symlinkSync(target, path);
}
