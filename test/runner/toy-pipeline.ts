import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";

export const TOY = resolve("test/fixtures/toy");
const ENTRY: Record<string, string> = { ToyStep: "toy.py", ToyNeedsData: "toy.py", ToyHang: "hang.py", ToyPlain: "plain.py", ToyUnruly: "unruly.py", ToyPoison: "poison.py", ToyDraw: "draw.py", ToyView: "view.py", ToyClock: "clock.py" };

export interface ToyNode {
  readonly name: string;
  readonly type?: keyof typeof ENTRY;
  readonly fields?: Record<string, unknown>;
}

export interface ToyPipeline {
  readonly dir: string;
  readonly dag: string;
  readonly config: string;
  readonly workspace: string;
  /** Rewrites config.json with other fields for some nodes (same DAG). */
  readonly rewrite: (fields: Record<string, Record<string, unknown>>) => void;
}

/** Writes a real DAG file and cursus config for toy nodes into a fresh temp folder. */
export function toyPipeline(nodes: readonly ToyNode[], edges: readonly (readonly [string, string])[]): ToyPipeline {
  const dir = mkdtempSync(join(tmpdir(), "cursus-lab-toy-"));
  const dag = join(dir, "toy.dag.json");
  const config = join(dir, "config.json");
  writeFileSync(dag, JSON.stringify({ dag: { nodes: nodes.map((n) => n.name), edges }, metadata: { name: "toy" } }));
  const write = (extra: Record<string, Record<string, unknown>>): void => {
    const specific = Object.fromEntries(
      nodes.map((n) => {
        const type = n.type ?? "ToyStep";
        return [n.name, { __model_type__: `${type}Config`, processing_entry_point: ENTRY[type], message: n.name, job_type: "training", ...n.fields, ...extra[n.name] }];
      }),
    );
    writeFileSync(config, JSON.stringify({ configuration: { shared: { processing_source_dir: join(TOY, "scripts") }, specific }, metadata: { config_types: {} } }));
  };
  write({});
  const workspace = join(dir, "ws");
  mkdirSync(workspace);
  return { dir, dag, config, workspace, rewrite: write };
}

/** Runs the built CLI as a real process; `env` adds to the inherited environment. */
export function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return execa("node", [resolve("bin/cursus-lab.js"), ...args], { reject: false, cwd: options.cwd ?? process.cwd(), env: { NO_COLOR: "1", ...options.env } });
}

export const toyArgs = (p: ToyPipeline): string[] => ["--dag", p.dag, "--config", p.config, "--interfaces", join(TOY, "interfaces"), "--workspace", p.workspace];
