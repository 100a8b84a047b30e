import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, posix, sep } from "node:path";

/** A container path and the local file or folder it shows inside the sandbox. */
export interface Mount {
  readonly container: string;
  readonly local: string;
  readonly writable: boolean;
}

/**
 * One step of a node's view: `from` (a path as the host sees it, whatever earlier steps covered) shown
 * at `to`. Steps run in order; a later one may land inside an earlier one (a path under the private /tmp).
 */
export interface Bind {
  readonly from: string;
  readonly to: string;
  readonly writable: boolean;
}

/**
 * A node's sandbox as data: the binds that make its view, in order. Two places perform it: bubblewrap,
 * for a cold process (`bwrapArgs`), and a process forked by the fork server, which makes its own mount
 * namespace and does the same binds before it becomes the node (python/cursus_lab_node_view.py). The
 * rules live here only, so the two views cannot drift apart.
 */
export interface SandboxPlan {
  readonly binds: readonly Bind[];
}

/** Where the host's /opt stays reachable inside the sandbox, so /opt itself can be ours. */
const HOST_OPT = "/tmp/.cursus-lab-host-opt";
export const CONTAINER_ROOT = "/opt/";

/**
 * The view that runs a command with the container paths mapped onto local folders, a private /tmp, and
 * the rest of the machine as it is. Nothing is created outside `nodeDir`: /opt becomes a folder of ours
 * holding links to the host's /opt entries, so mount points are made there, and a folder that holds
 * another mount (SageMaker's input channels hold model_artifacts_input) is built from mounts of its
 * entries, so no mount point is made inside an upstream result. The mount points are made here, before
 * either performer runs, so both find the same skeleton.
 */
export function planSandbox(nodeDir: string, mounts: readonly Mount[], visible: readonly string[], readOnly: readonly string[]): SandboxPlan {
  const skeleton = join(nodeDir, "sandbox", "opt");
  const tmp = join(nodeDir, "sandbox", "tmp");
  mkdirSync(skeleton, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const binds: Bind[] = [{ from: tmp, to: "/tmp", writable: true }];
  const bind = (from: string, to: string, writable: boolean): void => void binds.push({ from, to, writable });
  // Paths under the host's /tmp that the command needs are shown again over the private /tmp.
  for (const path of topOfTmp(visible)) bind(path, path, true);
  // Stored results are read by path too (links, absolute paths): inside the sandbox they cannot be written.
  for (const path of readOnly) if (existsSync(path)) bind(path, path, false);
  if (existsSync("/opt")) {
    bind("/opt", HOST_OPT, false);
    for (const entry of readdirSync("/opt")) if (entry !== "ml") link(join(HOST_OPT, entry), join(skeleton, entry));
  }
  bind(skeleton, "/opt", true);

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
        bind(join(local, entry), `${container.replace(/\/$/, "")}/${entry}`, mount.writable);
      }
      continue;
    }
    mkdirSync(dirname(inSkeleton), { recursive: true });
    if (isDir(local)) mkdirSync(inSkeleton, { recursive: true });
    else if (!existsSync(inSkeleton)) writeFileSync(inSkeleton, "");
    bind(local, container, mount.writable);
  }
  return { binds };
}

/**
 * bubblewrap's rendering of a plan. bwrap reads every source in the host's view, as the plan means it;
 * its own pid namespace ends every process in it when the sandbox ends, whatever it did to its environment.
 */
export function bwrapArgs(plan: SandboxPlan): string[] {
  const args = ["--dev-bind", "/", "/", "--die-with-parent", "--unshare-pid", "--proc", "/proc"];
  for (const b of plan.binds) args.push(b.writable ? "--bind" : "--ro-bind", b.from, b.to);
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
