import { describe, expect, it } from "vitest";
import { PathTree } from "../../src/engine/path-tree.js";

describe("the set of paths a run digested", () => {
  it("takes out exactly what is under a folder, not a sibling whose name starts the same", () => {
    const tree = new PathTree();
    for (const p of ["/ws/runs/r/nodes/a/entry/outputs/data/x.csv", "/ws/runs/r/nodes/a/entry/outputs/data/sub/y.csv", "/ws/runs/r/nodes/ab/entry/z.csv", "/ws/input/q.csv"]) tree.add(p);
    expect(tree.takeUnder("/ws/runs/r/nodes/a").sort()).toEqual(["/ws/runs/r/nodes/a/entry/outputs/data/sub/y.csv", "/ws/runs/r/nodes/a/entry/outputs/data/x.csv"]);
    expect([...tree].sort()).toEqual(["/ws/input/q.csv", "/ws/runs/r/nodes/ab/entry/z.csv"]);
    expect(tree.takeUnder("/ws/runs/r/nodes/a")).toEqual([]);
  });

  it("takes a member that is the folder itself, and finds paths added again after a take", () => {
    const tree = new PathTree();
    tree.add("/ws/a/f");
    expect(tree.takeUnder("/ws/a/f")).toEqual(["/ws/a/f"]);
    expect(tree.has("/ws/a/f")).toBe(false);
    tree.add("/ws/a/f");
    tree.add("/ws/a/g");
    expect(tree.takeUnder("/ws/a").sort()).toEqual(["/ws/a/f", "/ws/a/g"]);
    expect([...tree]).toEqual([]);
  });

  it("agrees with a scan of every path on random trees", () => {
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 50; round++) {
      const tree = new PathTree();
      const all = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const path = `/${Array.from({ length: 1 + next(4) }, () => "abc"[next(3)]).join("/")}${next(2) === 0 ? "x" : ""}`;
        tree.add(path);
        all.add(path);
      }
      const dir = `/${Array.from({ length: 1 + next(2) }, () => "abc"[next(3)]).join("/")}`;
      const expected = [...all].filter((p) => p === dir || p.startsWith(`${dir}/`)).sort();
      expect(tree.takeUnder(dir).sort()).toEqual(expected);
      expect([...tree].sort()).toEqual([...all].filter((p) => !expected.includes(p)).sort());
    }
  });
});
