import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfigServer, TOKEN_HEADER, type ConfigServer } from "../../kernel/config-server.js";
import { KERNEL_ROUTE_KEY, KERNEL_ROUTE_MARKER } from "../../kernel/kernel-route.js";
import { ProblemsError } from "../../src/errors.js";
import * as msg from "../../src/messages.js";
import { createFactory, type TestingFactory } from "../../src/factory/testing-factory.js";
import { demoConfig, demoDag, demoData, tempDir } from "./project.js";

const NODE = "TabularPreprocessing_training";

interface Reply {
  status: number;
  body: { ok: boolean; message: string; problems?: { field: string; message: string; fix: string }[]; fields?: { field: string; value?: string; source: string }[] };
}

async function post(server: ConfigServer, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: server.token }): Promise<Reply> {
  const response = await fetch(server.endpoint, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Reply["body"] };
}

/** fetch() will not send a foreign Host header; a DNS-rebinding page would, and so does Jupyter's server proxy. */
function postWithHost(server: ConfigServer, host: string, extra: Record<string, string> = {}, label = "x"): Promise<{ status: number; body: string }> {
  const url = new URL(server.endpoint);
  return new Promise((resolve, reject) => {
    const headers = { host, [TOKEN_HEADER]: server.token, "content-type": "application/json", ...extra };
    const req = request({ host: "127.0.0.1", port: url.port, path: "/configure", method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(JSON.stringify({ node: NODE, overrides: { env: { LABEL_FIELD: label } } }));
  });
}

describe("the loopback configuration channel", () => {
  const { dir: workspace, cleanup } = tempDir("cursus-lab-channel-");
  let factory: TestingFactory;
  let server: ConfigServer;

  beforeAll(async () => {
    factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    server = await startConfigServer(factory);
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it("listens on 127.0.0.1 only, on a random port, with a per-session token", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
    const other = await startConfigServer(factory);
    expect(other.token).not.toBe(server.token);
    expect(other.url).not.toBe(server.url);
    await other.close();
    await expect(fetch(other.endpoint, { method: "POST" })).rejects.toThrow();
  });

  it("refuses requests without the token, with a wrong one, or for a foreign host, and changes nothing", async () => {
    const before = factory.getScriptSpec(NODE).spec;
    const change = { node: NODE, overrides: { env: { LABEL_FIELD: "tampered" } } };
    const none = await post(server, change, {});
    expect(none.status).toBe(403);
    expect(none.body.message).toMatch(/missing or wrong session token/);
    expect((await post(server, change, { [TOKEN_HEADER]: "0".repeat(48) })).status).toBe(403);
    expect((await postWithHost(server, "attacker.example:80")).status).toBe(403);
    // Through a proxy, Host and Origin must name one server: a page of another origin is refused.
    expect((await postWithHost(server, "nb.example.com", { origin: "https://attacker.example" })).status).toBe(403);
    expect(factory.getScriptSpec(NODE).spec).toEqual(before);
  });

  it("accepts the Host and Origin that Jupyter's server proxy brings, and still requires the token", async () => {
    const proxied = { origin: "https://nb.example.com" };
    const ok = await postWithHost(server, "nb.example.com", proxied, "through_proxy");
    expect(ok.status, ok.body).toBe(200);
    expect(factory.getScriptSpec(NODE).spec.env["LABEL_FIELD"]?.value).toBe("through_proxy");
    const url = new URL(server.endpoint);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: url.port, path: "/configure", method: "POST", headers: { host: "nb.example.com", ...proxied } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(403);
  });

  it("answers CORS for loopback and VS Code pages only, never for any origin", async () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(server.endpoint, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": TOKEN_HEADER } });
    expect((await preflight("https://attacker.example")).headers.get("access-control-allow-origin")).toBeNull();
    expect((await preflight("vscode-webview://abc")).headers.get("access-control-allow-origin")).toBe("vscode-webview://abc");
  });

  it("refuses a NUL in a path, a number field's non-number and an empty required value, with the API's messages", async () => {
    const before = factory.getScriptSpec(NODE).spec;
    const reply = await post(server, { node: NODE, overrides: { inputs: { DATA: "/tmp/a\u0000b" }, env: { TRAIN_RATIO: "not-a-number" }, args: { "--job_type": " " } } });
    expect(reply.status).toBe(422);
    expect(reply.body.problems!.map((p) => p.message).sort()).toEqual(
      [msg.formEditNulInValue("inputs.DATA"), msg.valueNotNumber("env.TRAIN_RATIO", "not-a-number"), msg.valueEmpty("args.--job_type")].sort(),
    );
    expect(factory.getScriptSpec(NODE).spec).toEqual(before);
  });

  it("applies an edit sent through the kernel connection's registry under the same token", async () => {
    const dispatch = (globalThis as unknown as Record<symbol, (token: string, raw: string) => void>)[Symbol.for(KERNEL_ROUTE_KEY)]!;
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((text: string) => (lines.push(text), true)) as typeof process.stdout.write;
    try {
      dispatch(server.token, JSON.stringify({ node: NODE, overrides: { env: { LABEL_FIELD: "via_kernel" } } }));
      dispatch("0".repeat(48), JSON.stringify({ node: NODE, overrides: { env: { LABEL_FIELD: "forged" } } }));
    } finally {
      process.stdout.write = write;
    }
    const replies = lines.map((l) => JSON.parse(l.slice(KERNEL_ROUTE_MARKER.length)) as { ok: boolean; message: string });
    expect(replies[0]).toMatchObject({ ok: true, message: msg.formApplied(NODE) });
    expect(replies[1]).toEqual({ ok: false, message: msg.formUnknownSession() });
    expect(factory.getScriptSpec(NODE).spec.env["LABEL_FIELD"]?.value).toBe("via_kernel");
  });

  it("answers the browser's preflight so a notebook page may send the token header", async () => {
    const response = await fetch(server.endpoint, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:8888", "access-control-request-method": "POST", "access-control-request-headers": TOKEN_HEADER },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")).toContain(TOKEN_HEADER);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:8888");
  });

  it("applies edits through configureScriptTesting, visible on the factory at once, with the new sources", async () => {
    const reply = await post(server, { node: NODE, overrides: { env: { LABEL_FIELD: "is_benign" }, inputs: { DATA: demoData("calibration") } } });
    expect(reply.status).toBe(200);
    expect(reply.body.ok).toBe(true);
    const spec = factory.getScriptSpec(NODE).spec;
    expect(spec.env["LABEL_FIELD"]).toEqual({ value: "is_benign", source: "override" });
    expect(spec.inputs["DATA"]).toMatchObject({ path: demoData("calibration"), source: "user" });
    const sources = Object.fromEntries(reply.body.fields!.map((f) => [f.field, f.source]));
    expect(sources).toMatchObject({ "env.LABEL_FIELD": "override", "inputs.DATA": "user", "env.TRAIN_RATIO": "config:train_ratio" });
    // The reply carries the kernel's values, which the form shows instead of what was typed.
    expect(reply.body.fields!.find((f) => f.field === "env.LABEL_FIELD")?.value).toBe("is_benign");
  });

  it("answers invalid values with the API's own problems, and applies none of them", async () => {
    const overrides = { inputs: { DATA: "/no/such/folder" }, env: { TRAIN_RATIOO: "0.5" } };
    const reply = await post(server, { node: NODE, overrides });
    expect(reply.status).toBe(422);

    const reference = createFactory({ dag: demoDag, config: demoConfig, workspace });
    let expected: ProblemsError | undefined;
    try {
      reference.configureScriptTesting(NODE, overrides);
    } catch (error) {
      expected = error as ProblemsError;
    }
    expect(expected).toBeInstanceOf(ProblemsError);
    expect(reply.body.message).toBe(expected!.message);
    expect(reply.body.problems).toEqual(expected!.problems.map((p) => ({ ...p })));
    expect(reply.body.problems!.map((p) => p.field).sort()).toEqual(["env.TRAIN_RATIOO", "inputs.DATA"]);
    expect(factory.getScriptSpec(NODE).spec.inputs["DATA"]!.path).toBe(demoData("calibration"));
  });

  it("reports an unknown node, a malformed body and an unknown route as readable JSON", async () => {
    const unknown = await post(server, { node: "XGBoostTrainin", overrides: {} });
    expect(unknown.status).toBe(422);
    expect(unknown.body.problems![0]!.message).toBe('"XGBoostTrainin" is not a node of the DAG (did you mean "XGBoostTraining"?)');
    expect((await post(server, { overrides: {} })).status).toBe(400);
    const shape = await post(server, { node: NODE, overrides: { environment: {} } });
    expect(shape.status).toBe(422);
    const route = await fetch(`${server.url}/other`, { method: "POST", headers: { [TOKEN_HEADER]: server.token } });
    expect(route.status).toBe(404);
  });
});
