import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const HARNESS = resolve("python/cursus_lab_harness.py");

/**
 * The harness run as cursus-lab runs it cold (`python HARNESS SPEC REPORT`) on scripts of our own, each
 * shaped to tell a main() defined at the top level from one that only looks like it.
 */
describe("which scripts the main() entry calls main() of", () => {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-main-detect-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (name: string, source: string, entry = "main"): { report: Record<string, unknown>; said: string } => {
    const script = join(dir, `${name}.py`);
    const said = join(dir, `${name}.said`);
    writeFileSync(script, source);
    const spec = join(dir, `${name}.spec.json`);
    const report = join(dir, `${name}.report.json`);
    writeFileSync(spec, JSON.stringify({ script, entry, env: { SAID: said }, args: [], inputs: {}, outputs: {} }));
    try {
      execFileSync("/usr/bin/python3", [HARNESS, spec, report], { stdio: "pipe" });
    } catch {
      // A failing script exits 1; its report says why.
    }
    let text = "";
    try {
      text = readFileSync(said, "utf8");
    } catch {
      text = "(nothing)";
    }
    return { report: JSON.parse(readFileSync(report, "utf8")) as Record<string, unknown>, said: text };
  };
  const write = (what: string): string => `open(__import__("os").environ["SAID"], "w").write(${JSON.stringify(what)})`;

  it("calls a main() defined at the top level, decorated or not", () => {
    expect(run("plain", `def main(input_paths, output_paths, environ_vars, job_args):\n    ${write("main")}\n`)).toMatchObject({ report: { status: "ok", mode: "main" }, said: "main" });
    const decorated = `import functools\n\ndef logged(f):\n    @functools.wraps(f)\n    def inner(*a, **k):\n        return f(*a, **k)\n    return inner\n\n@logged\ndef main (input_paths, output_paths, environ_vars, job_args):\n    ${write("decorated")}\n`;
    expect(run("decorated", decorated)).toMatchObject({ report: { status: "ok", mode: "main" }, said: "decorated" });
  });

  it("runs as __main__ a script whose main() is defined only under its __main__ guard", () => {
    const guarded = `if __name__ == "__main__":\n    def main():\n        ${write("guarded")}\n    main()\n`;
    expect(run("guarded", guarded)).toMatchObject({ report: { status: "ok", mode: "script" }, said: "guarded" });
  });

  it("runs as __main__ a script that only shows `def main(` in a string, or defines async main", () => {
    const docstring = `"""Usage:\ndef main(x):\n"""\n${write("docstring")}\n`;
    expect(run("docstring", docstring)).toMatchObject({ report: { status: "ok", mode: "script" }, said: "docstring" });
    const asynchronous = `import asyncio\n\nasync def main():\n    ${write("async")}\n\nif __name__ == "__main__":\n    asyncio.run(main())\n`;
    expect(run("asynchronous", asynchronous)).toMatchObject({ report: { status: "ok", mode: "script" }, said: "async" });
  });

  it("reports a syntax error as raised at import, before anything ran", () => {
    const { report, said } = run("broken", `def main(:\n    pass\n`);
    expect(report).toMatchObject({ status: "exception", type: "SyntaxError", atImport: true });
    expect(said).toBe("(nothing)");
  });

  it("starts a traceback from its import at the script's own frame, not the import machinery's", () => {
    const { report } = run("raises", `import os\n\nif os.sep:\n    raise ValueError("at import")\n\ndef main(input_paths, output_paths, environ_vars, job_args):\n    pass\n`);
    expect(report).toMatchObject({ status: "exception", type: "ValueError", atImport: true });
    expect(report["traceback"]).toMatch(/^Traceback \(most recent call last\):\n {2}File ".*raises\.py", line 4, in <module>/);
    expect(report["traceback"]).not.toContain("<frozen");
  });

  it("starts a traceback under the production entry at the script's own frame, not runpy's", () => {
    const { report } = run("raises-script", `raise ValueError("as __main__")\n`, "script");
    expect(report).toMatchObject({ status: "exception", type: "ValueError" });
    expect(report["traceback"]).toMatch(/^Traceback \(most recent call last\):\n {2}File ".*raises-script\.py", line 1, in <module>/);
  });
});
