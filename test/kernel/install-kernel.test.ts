import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { writeNotebook } from "../notebooks/execute-notebook.js";
import { startClassicNotebook } from "../notebooks/remote-jupyter.js";
import { registerKernel, root, tempDir } from "./project.js";

const CLI = join(root, "bin", "cursus-lab.js");

/** The environment of a Jupyter the user started: no JUPYTER_PATH, no pinned project. */
function plainEnv(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, JUPYTER_PATH: undefined, CURSUS_LAB_PROJECT: undefined, JUPYTER_DATA_DIR: undefined, ...extra };
}

const DRIVER = `
import json, os, sys, nbclient, nbformat
path, name = sys.argv[1], sys.argv[2]
nb = nbformat.read(path, as_version=4)
nbclient.NotebookClient(nb, kernel_name=name, timeout=180, resources={"metadata": {"path": os.path.dirname(path)}}).execute()
print(json.dumps(["".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", [])]))
`;

/** A notebook inside the project (where users keep theirs), run by nbclient from another working folder. */
async function runNotebook(name: string, env: Record<string, string | undefined>, cwd: string): Promise<string> {
  const dir = join(root, ".cursus-lab", `install-test-${name}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "probe.ipynb");
  const source = 'import { factory } from "./dist/kernel/index.js";\nconsole.log("cwd " + process.cwd() + " factory " + typeof factory);';
  writeNotebook(file, [source], name);
  try {
    const run = await execa("/usr/bin/python3", ["-c", DRIVER, file, name], { cwd, env, extendEnv: false, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    return (JSON.parse(run.stdout.trim().split("\n").at(-1)!) as string[]).join("");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("scripts/install-kernel.sh", () => {
  const { dir, cleanup } = tempDir("cursus-lab-install-");
  afterAll(cleanup);

  it("--prefix DIR: jupyter kernelspec list finds it with JUPYTER_PATH=DIR/share/jupyter, and nbclient runs a notebook with it from another folder", async () => {
    registerKernel(); // builds dist/kernel, which the probe notebook imports
    const prefix = join(dir, "prefix");
    await execa(process.execPath, [CLI, "kernel", "install", "--prefix", prefix, "--name", "cursus-lab-prefix"], { cwd: dir });
    const spec = JSON.parse(readFileSync(join(prefix, "share", "jupyter", "kernels", "cursus-lab-prefix", "kernel.json"), "utf8")) as { argv: string[]; env?: unknown };
    // Nothing in the spec names this clone: the launcher finds the project at start-up.
    expect(JSON.stringify(spec)).not.toContain(root);
    expect(readFileSync(join(prefix, "share", "jupyter", "kernels", "cursus-lab-prefix", "start-kernel.sh"), "utf8")).not.toContain(root);
    const env = plainEnv({ JUPYTER_PATH: join(prefix, "share", "jupyter"), JUPYTER_RUNTIME_DIR: join(dir, "runtime") });
    const listed = await execa("jupyter", ["kernelspec", "list", "--json"], { env, extendEnv: false });
    expect(Object.keys((JSON.parse(listed.stdout) as { kernelspecs: Record<string, unknown> }).kernelspecs)).toContain("cursus-lab-prefix");
    expect(await runNotebook("cursus-lab-prefix", env, dir)).toBe(`cwd ${root} factory function\n`);
  }, 240_000);

  it("--user: a Jupyter server started without JUPYTER_PATH offers it", async () => {
    const home = join(dir, "home");
    mkdirSync(home, { recursive: true });
    const env = plainEnv({ HOME: home, JUPYTER_RUNTIME_DIR: join(dir, "runtime") });
    await execa(process.execPath, [CLI, "kernel", "install", "--user", "--name", "cursus-lab-user"], { cwd: dir, env, extendEnv: false });
    const listed = await execa("jupyter", ["kernelspec", "list", "--json"], { env, extendEnv: false });
    const specs = (JSON.parse(listed.stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
    expect(specs["cursus-lab-user"]?.resource_dir).toBe(join(home, ".local", "share", "jupyter", "kernels", "cursus-lab-user"));

    const serverDir = join(dir, "server");
    mkdirSync(serverDir, { recursive: true });
    const jupyter = await startClassicNotebook(serverDir, { HOME: home, JUPYTER_PATH: "" });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ socketPath: join(serverDir, "jupyter.sock"), path: `/api/kernelspecs?token=${jupyter.token}` }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      expect(Object.keys((JSON.parse(body) as { kernelspecs: Record<string, unknown> }).kernelspecs)).toContain("cursus-lab-user");
    } finally {
      await jupyter.stop();
    }
    expect(await runNotebook("cursus-lab-user", env, dir)).toBe(`cwd ${root} factory function\n`);
  }, 240_000);
});
