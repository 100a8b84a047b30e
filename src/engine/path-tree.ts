import { dirname } from "node:path";

/**
 * A set of absolute paths that can take out everything under a folder in time proportional to what is
 * under it, not to the whole set: a run moves one staging folder per node, and scanning every path it
 * digested for each move made the moves quadratic in the number of nodes.
 */
export class PathTree implements Iterable<string> {
  private readonly members = new Set<string>();
  /** Each folder on the way to a member, with the paths one level below it. */
  private readonly below = new Map<string, Set<string>>();

  has(path: string): boolean {
    return this.members.has(path);
  }

  add(path: string): void {
    if (this.members.has(path)) return;
    this.members.add(path);
    // Linking stops at the first folder already linked: its own parents are linked already.
    for (let child = path, parent = dirname(child); parent !== child; child = parent, parent = dirname(child)) {
      const siblings = this.below.get(parent);
      if (siblings !== undefined) {
        siblings.add(child);
        return;
      }
      this.below.set(parent, new Set([child]));
    }
  }

  /** Removes `dir` and every member under it; returns the members removed. */
  takeUnder(dir: string): string[] {
    const taken: string[] = [];
    const visit = (path: string): void => {
      if (this.members.delete(path)) taken.push(path);
      const children = this.below.get(path);
      if (children === undefined) return;
      this.below.delete(path);
      for (const child of children) visit(child);
    };
    visit(dir);
    this.below.get(dirname(dir))?.delete(dir);
    return taken;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.members[Symbol.iterator]();
  }
}
