import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PHANTOMS, DEMO_SCRIPT_NODES, projectRoot } from "../helpers/fixtures.js";
import type { SessionSnapshot } from "../../src/workbook/workbook-session.js";
import { launchChromium } from "../widgets/browser.js";
import { processesMentioning } from "../helpers/processes.js";

const CAL = "ModelCalibration_calibration";
const FINAL = ["succeeded", "cached"];

let dir: string;
let server: ChildProcess;
let url: URL;
let proxy: Server;
let proxied: string;
let browser: Browser;
let page: Page;
let stderr = "";

/** jupyter-server-proxy's shape: the page is at /proxy/<port>/ and the prefix is stripped on the way in. */
function startProxy(target: number): Promise<Server> {
  const prefix = `/proxy/${target}`;
  const s = createServer((req, res) => {
    if (!req.url?.startsWith(`${prefix}/`)) return void res.writeHead(404).end();
    const upstream = request({ host: "127.0.0.1", port: target, path: req.url.slice(prefix.length), method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

async function runsOf(): Promise<Record<string, { status: string; runs: number }>> {
  return page.$$eval("article.wb-cell[data-node]", (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute("data-node")!, { status: e.getAttribute("data-status")!, runs: Number(e.getAttribute("data-runs")) }])),
  );
}

async function waitAllFinal(): Promise<void> {
  await page.waitForFunction((final) => {
    const cells = Array.from(document.querySelectorAll("article.wb-cell[data-node]"));
    return cells.length > 0 && cells.every((c) => final.includes(c.getAttribute("data-status") ?? ""));
  }, FINAL, { timeout: 90_000 });
}

async function setEnv(node: string, name: string, value: string): Promise<void> {
  await page.$eval(`input[data-node="${node}"][data-env="${name}"]`, (input, v) => {
    (input as HTMLInputElement).value = v;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}

/** The session's state, as the first event of its stream carries it. */
async function serverState(): Promise<SessionSnapshot> {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${url.port}/events${url.search}`, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = "";
  while (!text.includes("\n\n")) text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  return (JSON.parse(text.slice(text.indexOf("data: ") + 6, text.indexOf("\n\n"))) as { snapshot: SessionSnapshot }).snapshot;
}

describe("cursus-lab workbook (real server, real Chromium, the demo pipeline)", () => {
  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(projectRoot, "kernel", "build-kernel.js"), "--force"], { cwd: projectRoot, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    // A copy of the demo, so saving a script does not touch the repository.
    dir = mkdtempSync(join(tmpdir(), "cl-workbook-"));
    cpSync(join(projectRoot, "notebooks", "demo-pipeline"), join(dir, "demo-pipeline"), { recursive: true });
    copyFileSync(join(projectRoot, "notebooks", "demo.workbook.yaml"), join(dir, "demo.workbook.yaml"));
    server = spawn(process.execPath, [join(projectRoot, "bin", "cursus-lab.js"), "workbook", join(dir, "demo.workbook.yaml"), "--workspace", join(dir, "ws"), "--no-open", "--jobs", "2"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stderr!.on("data", (d: Buffer) => void (stderr += d.toString()));
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once("line", resolve);
      server.once("exit", (code) => reject(new Error(`workbook exited ${code}: ${stderr}`)));
    });
    url = new URL(first);
    proxy = await startProxy(Number(url.port));
    proxied = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/proxy/${url.port}/${url.search}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(proxied);
  });

  afterAll(async () => {
    await browser?.close();
    proxy?.close();
    if (server?.exitCode === null) server.kill("SIGINT");
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the page's address first, on 127.0.0.1, and refuses requests without the token", async () => {
    expect(url.hostname).toBe("127.0.0.1");
    expect(url.searchParams.get("token")).toMatch(/^[0-9a-f]{48}$/);
    const bare = `http://127.0.0.1:${url.port}`;
    expect((await fetch(`${bare}/`)).status).toBe(403);
    expect((await fetch(`${bare}/events`)).status).toBe(403);
    expect((await fetch(`${bare}/?token=wrong`)).status).toBe(403);
    expect((await fetch(`${bare}/edit`, { method: "POST", body: "{}" })).status).toBe(403);
    const ok = await fetch(`${bare}/${url.search}`);
    expect(ok.status).toBe(200);
    // Every address the page names is relative, so it resolves under any proxy prefix.
    const html = await ok.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).not.toMatch(/^(\/|https?:)/);
  });

  it("rejects a malformed edit with the schema's message", async () => {
    const res = await fetch(`http://127.0.0.1:${url.port}/edit${url.search}`, { method: "POST", body: JSON.stringify({ node: CAL, kind: "colour", name: "X", value: "1" }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/kind/);
  });

  it("behind a proxy path, draws one DAG node per DAG node and runs every script node on open", async () => {
    const boxes = await page.$$eval("[data-cl-dag-node]", (els) => els.map((e) => e.getAttribute("data-cl-dag-node")));
    expect(boxes.sort()).toEqual([...DEMO_SCRIPT_NODES, ...DEMO_PHANTOMS].sort());
    const phantom = await page.$eval(`[data-cl-dag-node="Registration"]`, (e) => ({ cls: e.getAttribute("class"), title: e.querySelector("title")?.textContent }));
    expect(phantom.cls).toContain("cl-dag-phantom");
    expect(phantom.title).toBeTruthy();
    await waitAllFinal();
    const state = await runsOf();
    expect(Object.keys(state).sort()).toEqual([...DEMO_SCRIPT_NODES].sort());
    for (const node of DEMO_SCRIPT_NODES) expect(FINAL).toContain(state[node]!.status);
    // The workspace was empty: every script ran once, its cell shows outputs, and the charts are drawn.
    for (const node of DEMO_SCRIPT_NODES) expect(state[node]!.runs).toBe(1);
    await page.waitForSelector(`[data-node="${CAL}"] [data-wb-preview] table`);
    await page.waitForSelector('[data-wb-chart="rows"] svg, [data-wb-chart="rows"] canvas');
    await page.waitForFunction(() => document.querySelector('[data-cell="scoreTable"]')?.getAttribute("data-state") === "fulfilled");
    expect(await page.textContent('[data-cell="scoreTable"]')).toContain("isotonic");
  });

  it("an env edit reruns exactly the edited node and its descendants, and the user cells follow", async () => {
    const before = await runsOf();
    const evaluations = Number(await page.getAttribute('[data-cell="calibrationCurve"]', "data-evaluations"));
    await setEnv(CAL, "CALIBRATION_METHOD", "platt");
    await page.waitForFunction(
      ([node, runs]) => Number(document.querySelector(`article[data-node="${node}"]`)?.getAttribute("data-runs")) > Number(runs),
      [CAL, before[CAL]!.runs] as const,
    );
    await waitAllFinal();
    await page.waitForFunction(() => document.querySelector('[data-cell="scoreTable"]')?.textContent?.includes("platt") === true);
    const after = await runsOf();
    for (const node of DEMO_SCRIPT_NODES) expect(after[node]!.runs - before[node]!.runs, node).toBe([CAL, "Package"].includes(node) ? 1 : 0);
    // The two user cells read the same node and update in either order: the curve is waited for as the table was.
    await page.waitForFunction(
      (seen) => Number(document.querySelector('[data-cell="calibrationCurve"]')?.getAttribute("data-evaluations")) > seen,
      evaluations,
    );
    expect(await page.textContent('[data-cell="calibrationCurve"]')).toContain("platt");
    // The score table keeps a row per method tried.
    expect(await page.textContent('[data-cell="scoreTable"]')).toContain("isotonic");
    mkdirSync(join(projectRoot, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: join(projectRoot, "test-artifacts", "workbook-page.png"), fullPage: true });
  });

  it("a bad value shows the model's own message next to the field, and nothing reruns", async () => {
    const before = await runsOf();
    const field = `input[data-node="${CAL}"][data-input="evaluation_data"]`;
    await page.fill(field, "/does/not/exist");
    await page.press(field, "Enter");
    const row = page.locator(`${field} + .wb-field-problem`);
    await expect.poll(() => row.textContent()).toContain("/does/not/exist, which does not exist");
    expect(await page.getAttribute(field, "aria-invalid")).toBe("true");
    expect(await runsOf()).toEqual(before);
  });

  it("two quick edits: the first rerun is superseded and the final result matches the last value", async () => {
    const before = await runsOf();
    await setEnv(CAL, "GAM_SPLINES", "11");
    await setEnv(CAL, "GAM_SPLINES", "12");
    await page.waitForFunction((runs) => Number(document.querySelector(`article[data-node="${"ModelCalibration_calibration"}"]`)?.getAttribute("data-runs")) > runs, before[CAL]!.runs);
    await waitAllFinal();
    const state = await serverState();
    const cal = state.cells.find((c) => c.node === CAL)!;
    expect(cal.record?.env["GAM_SPLINES"]).toBe("12");
    expect(cal.spec.env["GAM_SPLINES"]).toEqual({ value: "12", source: "override" });
    const after = await runsOf();
    for (const node of DEMO_SCRIPT_NODES.filter((n) => ![CAL, "Package"].includes(n))) expect(after[node]!.runs, node).toBe(before[node]!.runs);
    // No script process is left of the superseded rerun: harnesses name their run folder, the server does not.
    const runs = join(dir, "ws", "runs");
    for (let i = 0; i < 30 && processesMentioning(runs).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesMentioning(runs)).toEqual([]);
  });

  it("saving a script reruns its node", async () => {
    const before = await runsOf();
    appendFileSync(join(dir, "demo-pipeline", "scripts", "payload.py"), "\n# saved again from the test\n");
    await page.waitForFunction((runs) => Number(document.querySelector('article[data-node="Payload"]')?.getAttribute("data-runs")) > runs, before["Payload"]!.runs, { timeout: 60_000 });
    await waitAllFinal();
    const after = await runsOf();
    for (const node of DEMO_SCRIPT_NODES) expect(after[node]!.runs - before[node]!.runs, node).toBe(node === "Payload" ? 1 : 0);
    expect(stderr).toContain("payload.py");
  });

  it("the Export button downloads the current state as the one-file report, behind the proxy too", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#wb-export")]);
    expect(download.suggestedFilename()).toBe("workbook-report.html");
    const html = readFileSync((await download.path())!, "utf8");
    const boxes = [...html.matchAll(/data-cl-dag-node="([^"]+)"/g)].map((m) => m[1]!);
    expect(boxes.sort()).toEqual([...DEMO_SCRIPT_NODES, ...DEMO_PHANTOMS].sort());
    // The state after the edits above, not the one at open.
    expect(html).toContain("GAM_SPLINES");
    expect(html).toContain("12");
    expect((await fetch(`http://127.0.0.1:${url.port}/export`)).status).toBe(403);
  });

  it("Ctrl-C ends the server", async () => {
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGINT");
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${url.port}/${url.search}`)).rejects.toThrow();
  });
});
