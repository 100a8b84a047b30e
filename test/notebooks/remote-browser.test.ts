import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as msg from "../../src/messages.js";
import { artifactsDir, demoConfig, demoDag, notebookDir, registerKernel, root } from "../kernel/project.js";
import { writeNotebook } from "./execute-notebook.js";
import { launchRemoteChromium, startClassicNotebook, type RemoteJupyter } from "./remote-jupyter.js";

const NODE = "TabularPreprocessing_training";

/* eslint-disable @typescript-eslint/no-explicit-any -- the page's Jupyter object has no types here */
declare const Jupyter: any;

function writeRemoteNotebook(dir: string, workspace: string): string {
  const show = `console.log("held:" + JSON.stringify(lab.getScriptSpec(${JSON.stringify(NODE)}).spec.env));`;
  const cells = [
    `import { factory } from ${JSON.stringify(join(root, "dist", "kernel", "index.js"))};\nconst lab = factory(${JSON.stringify({ dag: demoDag, config: demoConfig, workspace })});`,
    `await lab.editRequirements(${JSON.stringify(NODE)});`,
    show,
    "// the copied call goes here",
    show,
  ];
  writeNotebook(join(dir, "remote.ipynb"), cells);
  return "remote.ipynb";
}

/** Runs one cell through the page, as a user pressing Shift-Enter would, and returns its stdout. */
async function runCell(page: Page, index: number): Promise<string> {
  await page.evaluate((i) => {
    const cell = Jupyter.notebook.get_cell(i);
    cell.clear_output();
    Jupyter.notebook.execute_cells([i]);
  }, index);
  await page.waitForFunction((i) => {
    const cell = Jupyter.notebook.get_cell(i);
    return cell.get_text() !== "" && cell.input_prompt_number !== "*" && cell.input_prompt_number !== null && cell.input_prompt_number !== undefined;
  }, index, { timeout: 90_000 });
  return page.evaluate((i) => Jupyter.notebook.get_cell(i).output_area.outputs.map((o: any) => o.text ?? "").join(""), index);
}

function heldEnv(stdout: string): Record<string, { value: string; source: string }> {
  const line = stdout.split("\n").find((l) => l.startsWith("held:"));
  if (line === undefined) throw new Error(`no "held:" line in the cell's output:\n${stdout}`);
  return JSON.parse(line.slice("held:".length)) as Record<string, { value: string; source: string }>;
}

describe("Apply from a remote browser, in Classic Notebook", () => {
  const { dir, cleanup } = notebookDir("cursus-lab-remote-");
  let jupyter: RemoteJupyter;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    registerKernel();
    const name = writeRemoteNotebook(dir, join(dir, "workspace"));
    jupyter = await startClassicNotebook(dir);
    browser = await launchRemoteChromium(dir);
    page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await page.goto(`${jupyter.url}/notebooks/${name}?token=${jupyter.token}`);
    await page.waitForFunction(() => Jupyter?.notebook?.kernel?.is_connected?.() === true, undefined, { timeout: 60_000 });
  });
  afterAll(async () => {
    await page?.evaluate(() => Jupyter.notebook.kernel.kill()).catch(() => undefined);
    await browser?.close();
    await jupyter?.stop();
    cleanup();
  });

  it("cannot reach the kernel's 127.0.0.1 from the page", async () => {
    const reached = await page.evaluate(() => fetch("http://127.0.0.1:1/").then(() => true, () => false));
    expect(reached).toBe(false);
  });

  it("applies through the front end's kernel connection: the kernel's factory changes, the next cell sees it, the form shows it", async () => {
    await runCell(page, 0);
    await runCell(page, 1);
    const form = page.locator('[data-cl-form][data-cl-ready="true"]');
    await form.waitFor({ timeout: 30_000 });
    await page.fill('input[name="env.LABEL_FIELD"]', "is_benign");
    await page.fill('input[name="env.TRAIN_RATIO"]', "0.8");
    await page.press('input[name="env.TRAIN_RATIO"]', "Enter");
    await page.locator('[data-cl-result="ok"], [data-cl-result="problems"], [data-cl-result="error"]').waitFor({ timeout: 60_000 });
    const status = await page.locator("[data-cl-status]").innerText();
    await page.screenshot({ path: join(artifactsDir(), "remote-browser-applied.png"), fullPage: true });
    expect(status).toContain(msg.formApplied(NODE));
    expect(status).not.toMatch(/stopped/);

    const held = heldEnv(await runCell(page, 2));
    expect(held["LABEL_FIELD"]).toEqual({ value: "is_benign", source: "override" });
    expect(held["TRAIN_RATIO"]).toEqual({ value: "0.8", source: "override" });
    expect(await page.inputValue('input[name="env.TRAIN_RATIO"]')).toBe("0.8");
    expect(await page.locator('[data-cl-source="env.LABEL_FIELD"]').innerText()).toBe("override");
    // Classic's output area is narrower than a page: a 73-character path still fits its field.
    const path = `/home/ec2-user/SageMaker/${"p".repeat(73 - 34)}/data.csv`;
    await page.fill('input[name="outputs.processed_data"]', path);
    expect(await page.$eval('input[name="outputs.processed_data"]', (el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth)).toBe(true);
    await page.fill('input[name="outputs.processed_data"]', await page.getAttribute('input[name="outputs.processed_data"]', "data-initial") ?? "");
  });

  it("with that route gone, says what failed and offers the call that, run in the next cell, makes the same change", async () => {
    await page.evaluate(() => {
      (window as any).__jupyter = (window as any).Jupyter;
      (window as any).Jupyter = undefined;
    });
    try {
      await page.fill('input[name="env.LABEL_FIELD"]', "copied_label");
      await page.click("[data-cl-apply]");
      await page.locator('[data-cl-result="error"]').waitFor({ timeout: 30_000 });
    } finally {
      await page.evaluate(() => ((window as any).Jupyter = (window as any).__jupyter));
    }
    const status = await page.locator("[data-cl-status]").innerText();
    expect(status).toContain(msg.formRouteKernel(msg.formRouteNoKernelConnection()));
    expect(status).toMatch(/direct channel http:\/\/127\.0\.0\.1:\d+\/configure: not reachable/);
    expect(status).toMatch(/Jupyter's server proxy http:\/\/127\.0\.0\.1:8888\/proxy\/\d+\/configure: answered HTTP \d+, not the channel/);
    const code = await page.locator("[data-cl-copy]").innerText();
    expect(code).toBe(`lab.configure("${NODE}", {"env":{"LABEL_FIELD":"copied_label"}});`);

    expect(heldEnv(await runCell(page, 4))["LABEL_FIELD"]?.value).toBe("is_benign");
    await page.evaluate((text) => Jupyter.notebook.get_cell(3).set_text(text), code);
    await runCell(page, 3);
    expect(heldEnv(await runCell(page, 4))["LABEL_FIELD"]).toEqual({ value: "copied_label", source: "override" });
  });
});
