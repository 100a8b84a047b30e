import { readdirSync, readFileSync } from "node:fs";

/** Running or sleeping; a zombie waiting for init to reap it is already dead. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

/**
 * Live processes whose command line mentions `text` (a test's own temp folder). Unlike a pid the script
 * writes down, this holds in a pid namespace too, where the script sees other numbers than we do.
 */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(text) && alive(Number(name))) found.push(Number(name));
    } catch {
      // gone
    }
  }
  return found;
}
