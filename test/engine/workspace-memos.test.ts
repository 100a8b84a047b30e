import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkPythonMemoised } from "../../src/engine/interpreter-memo.js";
import { Store } from "../../src/engine/store.js";

const made: string[] = [];
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-memos-"));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const memoFile = (workspace: string): string => join(workspace, "cache", "interpreters.json");
const readMemo = (workspace: string): Record<string, { version: string }> => JSON.parse(readFileSync(memoFile(workspace), "utf8")) as Record<string, { version: string }>;
/** Makes the memo say something a check never would, so an answer that comes from it is recognisable. */
const plantVersion = (workspace: string, path: string): void => {
  const memo = readMemo(workspace);
  memo[path]!.version = "3.99.0";
  writeFileSync(memoFile(workspace), JSON.stringify(memo));
};

describe("the interpreter check is answered from the workspace while the interpreter file is unchanged", () => {
  // A real interpreter binary of our own, so it can be replaced and edited.
  const ownPython = (): { dir: string; python: string; workspace: string } => {
    const dir = folder();
    const python = join(dir, "python3");
    copyFileSync(statSync("/usr/bin/python3.11", { throwIfNoEntry: false }) === undefined ? "/usr/bin/python3" : "/usr/bin/python3.11", python);
    return { dir, python, workspace: join(dir, "ws") };
  };

  it("asks the interpreter once, then answers from the memo", async () => {
    const { python, workspace } = ownPython();
    const first = await checkPythonMemoised(python, workspace);
    expect(first.path).toBe(python);
    expect(first.version).toMatch(/^3\.\d+\.\d+$/);
    expect(readMemo(workspace)[python]?.version).toBe(first.version);
    plantVersion(workspace, python);
    expect(await checkPythonMemoised(python, workspace)).toEqual({ path: python, version: "3.99.0" });
  });

  it("does not use the memo once the file is replaced", async () => {
    const { dir, python, workspace } = ownPython();
    const real = (await checkPythonMemoised(python, workspace)).version;
    plantVersion(workspace, python);
    copyFileSync(python, join(dir, "python3.next"));
    renameSync(join(dir, "python3.next"), python);
    expect((await checkPythonMemoised(python, workspace)).version).toBe(real);
  });

  it("does not use the memo once the file is rewritten in place with its size and mtime put back", async () => {
    const { python, workspace } = ownPython();
    const real = (await checkPythonMemoised(python, workspace)).version;
    plantVersion(workspace, python);
    // touch -r keeps nanoseconds, which utimes() cannot: only the ctime then tells the edit.
    execFileSync("touch", ["-r", python, `${python}.times`]);
    writeFileSync(python, readFileSync(python));
    execFileSync("touch", ["-r", `${python}.times`, python]);
    expect((await checkPythonMemoised(python, workspace)).version).toBe(real);
  });

  it("does not use the memo once a link named as the interpreter points elsewhere", async () => {
    const { dir, python, workspace } = ownPython();
    const link = join(dir, "python");
    symlinkSync(python, link);
    const real = (await checkPythonMemoised(link, workspace)).version;
    plantVersion(workspace, link);
    copyFileSync(python, join(dir, "other-python3"));
    unlinkSync(link);
    symlinkSync(join(dir, "other-python3"), link);
    expect((await checkPythonMemoised(link, workspace)).version).toBe(real);
  });

  it("never remembers a script: a wrapper or a pyenv shim chooses its interpreter at each start", async () => {
    const dir = folder();
    const workspace = join(dir, "ws");
    const wrapper = join(dir, "python-wrapper");
    writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/python3 "$@"\n`, { mode: 0o755 });
    expect((await checkPythonMemoised(wrapper, workspace)).version).toMatch(/^3\./);
    expect(statSync(memoFile(workspace), { throwIfNoEntry: false })).toBeUndefined();
  });
});

describe("the node's latest-result file", () => {
  const latest = (runId: string) => ({ fingerprint: "f1", parts: { script: "s", modules: "m", harness: "h", python: "p", entry: "main", env: {}, args: [], inputs: {}, outputs: ["data"] }, runId });
  const latestFile = (workspace: string) => join(workspace, "cache", "latest", "N.json");

  it("is left alone when a run finds the same result, and rewritten when the result differs", () => {
    const workspace = folder();
    new Store(workspace).setLatest("N", latest("r1"));
    const written = statSync(latestFile(workspace), { bigint: true });
    const store = new Store(workspace);
    expect(store.latest("N")?.runId).toBe("r1");
    store.setLatest("N", latest("r1"));
    expect(statSync(latestFile(workspace), { bigint: true }).ino).toBe(written.ino);
    store.setLatest("N", latest("r2"));
    expect(new Store(workspace).latest("N")?.runId).toBe("r2");
  });

  it("is rewritten when another run replaced it after this one read it", () => {
    const workspace = folder();
    new Store(workspace).setLatest("N", latest("r1"));
    const store = new Store(workspace);
    store.latest("N");
    new Store(workspace).setLatest("N", latest("other-run"));
    store.setLatest("N", latest("r1"));
    expect(new Store(workspace).latest("N")?.runId).toBe("r1");
  });
});

describe("the digest memo (cache/digests.json)", () => {
  const digests = (workspace: string): Record<string, unknown> => JSON.parse(readFileSync(join(workspace, "cache", "digests.json"), "utf8")) as Record<string, unknown>;

  it("is written only when a digest changed, and drops paths that no longer exist", async () => {
    const workspace = folder();
    const data = folder();
    const [a, b] = [join(data, "a.csv"), join(data, "b.csv")];
    writeFileSync(a, "1\n");
    writeFileSync(b, "2\n");
    const first = new Store(workspace);
    await first.memo.file(a);
    await first.memo.file(b);
    first.saveMemo();
    const written = statSync(join(workspace, "cache", "digests.json"), { bigint: true });
    const unchanged = new Store(workspace);
    await unchanged.memo.file(a);
    unchanged.saveMemo();
    expect(statSync(join(workspace, "cache", "digests.json"), { bigint: true }).ino).toBe(written.ino);
    unlinkSync(b);
    writeFileSync(a, "3\n");
    const changed = new Store(workspace);
    await changed.memo.file(a);
    changed.saveMemo();
    expect(Object.keys(digests(workspace))).toEqual([a]);
  });

  it("keeps what two runs at the same time digested, whichever saves last", async () => {
    const workspace = folder();
    const data = folder();
    const [a, b] = [join(data, "a.csv"), join(data, "b.csv")];
    writeFileSync(a, "1\n");
    writeFileSync(b, "2\n");
    const one = new Store(workspace);
    const two = new Store(workspace);
    await one.memo.file(a);
    await two.memo.file(b);
    one.saveMemo();
    two.saveMemo();
    expect(Object.keys(digests(workspace)).sort()).toEqual([a, b]);
  });

  it("never answers for a file edited in place since it was remembered", async () => {
    const workspace = folder();
    const file = join(folder(), "rows.csv");
    writeFileSync(file, "a\n1\n");
    const store = new Store(workspace);
    const before = await store.memo.file(file);
    store.saveMemo();
    execFileSync("touch", ["-r", file, `${file}.times`]);
    writeFileSync(file, "a\n2\n");
    execFileSync("touch", ["-r", `${file}.times`, file]);
    expect(await new Store(workspace).memo.file(file)).not.toBe(before);
  });
});

describe("whether a private mount namespace can be made is answered from the workspace while nothing it stands on changed", () => {
  const planted = { ok: false, why: "planted by the test" } as const;
  const plant = (workspace: string): void => {
    const file = join(workspace, "cache", "sandbox.json");
    const memo = JSON.parse(readFileSync(file, "utf8")) as { host: string };
    writeFileSync(file, JSON.stringify({ host: memo.host, support: planted }));
  };
  const withPath = async <T>(dir: string, fn: () => Promise<T> | T): Promise<T> => {
    const before = process.env["PATH"];
    process.env["PATH"] = `${dir}:${before ?? ""}`;
    try {
      return await fn();
    } finally {
      process.env["PATH"] = before;
    }
  };
  const hasBwrap = statSync("/usr/bin/bwrap", { throwIfNoEntry: false }) !== undefined;

  it.runIf(hasBwrap)("uses the memo while the bwrap file is the same, and asks again once it is replaced", async () => {
    const { sandboxSupportMemoised } = await import("../../src/engine/sandbox-memo.js");
    const bin = folder();
    copyFileSync("/usr/bin/bwrap", join(bin, "bwrap"));
    execFileSync("chmod", ["+x", join(bin, "bwrap")]);
    const workspace = join(folder(), "ws");
    await withPath(bin, async () => {
      const real = sandboxSupportMemoised(workspace);
      plant(workspace);
      expect(sandboxSupportMemoised(workspace)).toEqual(planted);
      copyFileSync(join(bin, "bwrap"), join(bin, "bwrap.next"));
      execFileSync("chmod", ["+x", join(bin, "bwrap.next")]);
      renameSync(join(bin, "bwrap.next"), join(bin, "bwrap"));
      expect(sandboxSupportMemoised(workspace)).toEqual(real);
    });
  });
});
