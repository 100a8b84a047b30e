import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ForkServer } from "../../src/engine/fork-server.js";
import { inheritedEnv, ownerToken } from "../../src/engine/node-process.js";
import { killOwned, OWNER_VARIABLE } from "../../src/engine/process-sweep.js";
import { planSandbox } from "../../src/engine/sandbox-plan.js";
import { FORK_SERVER_SANDBOX } from "../../src/engine/sandbox.js";
import type { ProcessEnd } from "../../src/engine/supervise-process.js";
import { runRecordSchema, type NodeRecord, type RunRecord } from "../../src/results/run-record.js";
import { alive } from "../helpers/processes.js";
import { toyArgs, toyPipeline, type ToyPipeline } from "../runner/toy-pipeline.js";

const PYTHON = "/usr/bin/python3";
const HARNESS = resolve("python/cursus_lab_harness.py");

async function run(p: ToyPipeline, extra: readonly string[], wrap: readonly string[] = []): Promise<RunRecord> {
  const cli = ["node", "bin/cursus-lab.js", "run", ...toyArgs(p), ...extra, "--json"];
  const [file, ...args] = wrap.length === 0 ? cli : [...wrap, ...cli];
  const result = await execa(file!, args, { reject: false, env: { NO_COLOR: "1", HOME: p.dir } });
  if (result.exitCode === 2) throw new Error(result.stderr);
  return runRecordSchema.parse(JSON.parse(result.stdout));
}

interface Seen {
  readonly pid: number;
  readonly tmp: string[];
  readonly tempdir: string;
  readonly processing: string[];
  readonly input: string[] | null;
  readonly write_input: string | null;
  readonly mounts: { root: string; at: string; options: string }[];
  readonly status: { CapEff: string; CapBnd: string; NoNewPrivs: string };
}

const seenBy = (node: NodeRecord | undefined): Seen => {
  if (node?.status !== "succeeded") throw new Error(`${node?.name} ${node?.status}: ${node?.status === "failed" ? node.error.message : ""}`);
  return JSON.parse(readFileSync(join(node.outputs[0]!.path, "seen.json"), "utf8")) as Seen;
};

/** One upstream node and two siblings reading it at the same time (each waits 1 s with its mark in /tmp). */
const siblings = (): ToyPipeline =>
  toyPipeline(
    [{ name: "A" }, { name: "V1", type: "ToyView", fields: { sleep_seconds: "1" } }, { name: "V2", type: "ToyView", fields: { sleep_seconds: "1" } }],
    [["A", "V1"], ["A", "V2"]],
  );

/** Our own mount table: nothing a node mounted may show in it. */
const hostMounts = (): string => readFileSync("/proc/self/mountinfo", "utf8");

/** The siblings run cold, then warm (as `wrap` runs the CLI): each time every check of its view holds; returns what V1 saw each time. */
async function checkViews(wrap: readonly string[] = [], prepare: (p: ToyPipeline) => void = () => {}): Promise<Seen[]> {
  const views: Seen[] = [];
  for (const flags of [[], ["--warm"]]) {
    const p = siblings();
    prepare(p);
    const record = await run(p, ["--entry", "script", "--jobs", "3", "--force", ...flags], wrap);
    expect(record.status).toBe("succeeded");
    if (flags.length > 0) expect(record.nodes.map((n) => [n.name, n.process])).toEqual(record.nodes.map((n) => [n.name, { kind: "warm" }]));
    for (const [self, sibling] of [["V1", "V2"], ["V2", "V1"]] as const) {
      const node = record.nodes.find((n) => n.name === self);
      const seen = seenBy(node);
      expect(node?.entry).toBe("script");
      expect(seen.write_input, flags.join(" ")).toBe("EROFS");
      expect(seen.input).toEqual(["log.csv"]);
      expect(seen.processing).toEqual(["input", "output"]);
      expect(seen.tempdir).toBe("/tmp");
      expect(seen.tmp).toContain(`mark-${self}`);
      expect(seen.tmp).not.toContain(`mark-${sibling}`);
      const at = (point: string) => seen.mounts.filter((m) => m.at === point);
      expect(at("/opt/ml/processing/input/data").at(-1)?.options).toMatch(/^ro\b/);
      expect(at("/opt/ml/processing/output").at(-1)?.root).toContain(join("nodes", self, "entry"));
      expect(seen.mounts.some((m) => m.root.includes(join("nodes", sibling)))).toBe(false);
      expect(seen.status.NoNewPrivs).toBe("1");
      if (self === "V1") views.push(seen);
    }
    expect(hostMounts()).not.toContain(p.dir);
  }
  return views;
}

describe("warm production entry: each fork makes its node's sandbox", () => {
  it("a node cannot write its input (EROFS), sees only its own /tmp and container paths, not a sibling's, with the capabilities it has cold", async () => {
    const [cold, warm] = await checkViews();
    expect(warm?.status).toEqual(cold?.status);
  });

  it.runIf(process.getuid?.() === 0)("run by another user than root (bwrap's user namespace), a warm node holds no capability, as a cold one", async () => {
    const nobody = 65534;
    const own = (dir: string): void => {
      chownSync(dir, nobody, nobody);
      for (const rel of readdirSync(dir, { recursive: true }) as string[]) chownSync(join(dir, rel), nobody, nobody);
    };
    const [cold, warm] = await checkViews(["setpriv", "--reuid", String(nobody), "--regid", String(nobody), "--clear-groups"], (p) => own(p.dir));
    expect(cold?.status).toMatchObject({ CapEff: "0000000000000000", CapBnd: "0000000000000000" });
    expect(warm?.status).toEqual(cold?.status);
  });

  it("the pid the server reports, which the supervisor signals, is the node's own process in its own mount namespace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cursus-lab-warm-pid-"));
    const nodeDir = join(dir, "node");
    mkdirSync(join(nodeDir, "work"), { recursive: true });
    const script = join(dir, "sleeper.py");
    // Written whole, then renamed: the test reads it as soon as it exists.
    writeFileSync(script, 'import os, time\nopen("/tmp/pid.part", "w").write(str(os.getpid()))\nos.rename("/tmp/pid.part", "/tmp/pid")\ntime.sleep(300)\n');
    writeFileSync(join(nodeDir, "spec.json"), JSON.stringify({ entry: "script", script, inputs: {}, outputs: {}, env: {}, args: [] }));
    const plan = planSandbox(nodeDir, [], [dir, script, HARNESS, PYTHON], []);
    const server = ForkServer.start({ python: PYTHON, sandbox: FORK_SERVER_SANDBOX }, resolve("python/cursus_lab_fork_server.py"), dir, inheritedEnv(), []);
    const token = ownerToken();
    let markStarted: (pid: number) => void = () => {};
    let markRefused: (error: Error) => void = () => {};
    let markExited: (end: ProcessEnd) => void = () => {};
    const started = new Promise<number>((done, fail) => ((markStarted = done), (markRefused = fail)));
    const exited = new Promise<ProcessEnd>((done) => (markExited = done));
    try {
      server.fork(
        { cwd: join(nodeDir, "work"), env: { ...inheritedEnv(), [OWNER_VARIABLE]: token, TMPDIR: "/tmp" }, argv: [HARNESS, join(nodeDir, "spec.json"), join(nodeDir, "report.json")], needs: [], view: plan.binds, exec: false, after: null },
        { started: markStarted, data: () => {}, exited: markExited, closed: () => {}, refused: (why) => markRefused(new Error(why)) },
      );
      const pid = await started;
      // The node's private /tmp is its sandbox folder: what it wrote there is on our disk.
      const pidFile = join(nodeDir, "sandbox", "tmp", "pid");
      for (let i = 0; i < 400 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 25));
      expect(Number(readFileSync(pidFile, "utf8"))).toBe(pid);
      expect(readFileSync(`/proc/${pid}/environ`).includes(Buffer.from(`${OWNER_VARIABLE}=${token}\0`))).toBe(true);
      expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).toContain("cursus_lab_fork_server.py");
      expect(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[3]).toBe(String(pid));
      expect(readlinkSync(`/proc/${pid}/ns/mnt`)).not.toBe(readlinkSync("/proc/self/ns/mnt"));
      expect(readlinkSync(`/proc/${pid}/ns/pid`)).toBe(readlinkSync("/proc/self/ns/pid"));
      killOwned(pid, token, "SIGKILL");
      expect(await exited).toEqual({ kind: "exited", code: null, signal: "SIGKILL" });
      expect(alive(pid)).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it("a node whose fork may not unshare (a seccomp filter denies it) runs cold in bubblewrap, saying why", async () => {
    // The kernel's refusal, as under a container runtime's default profile: unshare(2) fails with EPERM,
    // while bubblewrap itself (clone(2) with namespace flags) still works.
    const bpf = join(mkdtempSync(join(tmpdir(), "cursus-lab-seccomp-")), "deny-unshare.bpf");
    writeFileSync(bpf, denyUnshare());
    const p = siblings();
    const wrap = ["bash", "-c", `exec bwrap --dev-bind / / --seccomp 9 "$@" 9<${bpf}`, "bash"];
    const record = await run(p, ["--entry", "script", "--warm"], wrap);
    expect(record.status).toBe("succeeded");
    for (const node of record.nodes) {
      expect(node).toMatchObject({ status: "succeeded", entry: "script", process: { kind: "cold", why: expect.stringContaining("unshare(CLONE_NEWNS) failed (Operation not permitted)") } });
    }
    expect(seenBy(record.nodes.find((n) => n.name === "V1")).write_input).toBe("EROFS");
  });
});

/** A classic BPF program for x86_64: unshare(2) (syscall 272) fails with EPERM, everything else is allowed. */
function denyUnshare(): Buffer {
  const program: [number, number, number, number][] = [
    [0x20, 0, 0, 4], // load the architecture
    [0x15, 0, 3, 0xc000003e], // not x86_64: allow
    [0x20, 0, 0, 0], // load the syscall number
    [0x15, 0, 1, 272], // not unshare: allow
    [0x06, 0, 0, 0x00050001], // SECCOMP_RET_ERRNO | EPERM
    [0x06, 0, 0, 0x7fff0000], // SECCOMP_RET_ALLOW
  ];
  const out = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], i) => {
    out.writeUInt16LE(code, i * 8);
    out.writeUInt8(jt, i * 8 + 2);
    out.writeUInt8(jf, i * 8 + 3);
    out.writeUInt32LE(k, i * 8 + 4);
  });
  return out;
}
