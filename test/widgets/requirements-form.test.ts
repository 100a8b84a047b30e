import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfigServer, type ConfigServer } from "../../kernel/config-server.js";
import { fieldChecks } from "../../kernel/field-checks.js";
import { factory as notebookFactory, FORM_WIDGET } from "../../kernel/notebook-factory.js";
import { createFactory, type TestingFactory } from "../../src/factory/testing-factory.js";
import * as msg from "../../src/messages.js";
import { requirementsBundle } from "../../src/views/requirements-view.js";
import { artifactsDir, demoConfig, demoDag, demoData, registerKernel, tempDir } from "../kernel/project.js";
import { launchChromium } from "./browser.js";

const NODE = "TabularPreprocessing_training";

/** Serves one page from 127.0.0.1, another origin than the channel, as a Jupyter server would. */
async function servePage(html: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>form</title></head><body>${html()}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe("the editable requirements form in Chromium", () => {
  const { dir: workspace, cleanup } = tempDir("cursus-lab-form-");
  let factory: TestingFactory;
  let channel: ConfigServer;
  let page: { url: string; server: Server };
  let browser: Browser;

  const formOf = (f: TestingFactory, via: ConfigServer, token = via.token): string =>
    requirementsBundle(f.getScriptTestingRequirements(NODE), f.getScriptSpec(NODE), f.wires, {
      endpoint: via.endpoint,
      token,
      script: readFileSync(FORM_WIDGET, "utf8"),
      checks: fieldChecks(f, NODE),
    })["text/html"];
  const formHtml = (token?: string): string => formOf(factory, channel, token);

  let served: string | undefined;
  /** Every form page is served from 127.0.0.1, as a local Jupyter would: a blank page's origin is "null", which the channel refuses. */
  async function open(html?: string): Promise<Page> {
    served = html;
    const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await tab.goto(page.url);
    return tab;
  }

  beforeAll(async () => {
    registerKernel(); // builds the widget bundle the form inlines
    factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    channel = await startConfigServer(factory);
    page = await servePage(() => served ?? formHtml());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await channel?.close();
    page?.server.close();
    cleanup();
  });

  it("applies a changed env var and input path to the kernel's factory, and shows the new sources", async () => {
    const tab = await open();
    await tab.fill('input[name="env.LABEL_FIELD"]', "is_benign");
    await tab.fill('input[name="inputs.DATA"]', demoData("calibration"));
    await tab.click('[data-cl-apply]');
    await tab.locator('[data-cl-result="ok"]').waitFor();
    expect(await tab.locator("[data-cl-status]").innerText()).toContain(`Applied to ${NODE}`);

    const spec = factory.getScriptSpec(NODE).spec;
    expect(spec.env["LABEL_FIELD"]).toEqual({ value: "is_benign", source: "override" });
    expect(spec.inputs["DATA"]).toMatchObject({ path: demoData("calibration"), source: "user" });
    // Untouched values were not sent, so they keep their config source.
    expect(spec.env["TRAIN_RATIO"]).toEqual({ value: "0.7", source: "config:train_ratio" });
    expect(await tab.locator('[data-cl-source="env.LABEL_FIELD"]').innerText()).toBe("override");
    await tab.screenshot({ path: join(artifactsDir(), "requirements-form-applied.png"), fullPage: true });
    await tab.close();
  });

  it("shows the API's validation message for an invalid value and changes nothing", async () => {
    const before = factory.getScriptSpec(NODE).spec;
    const tab = await open();
    const missing = "/no/such/folder";
    await tab.fill('input[name="inputs.DATA"]', missing);
    await tab.click('[data-cl-apply]');
    await tab.locator('[data-cl-result="problems"]').waitFor();
    const status = await tab.locator("[data-cl-status]").innerText();
    expect(status).toContain(msg.configureFailed(NODE, 1));
    expect(status).toContain(msg.inputPathMissing(NODE, "DATA", missing));
    expect(status).toContain(`fix: ${msg.inputPathMissingFix()}`);
    expect(await tab.getAttribute('input[name="inputs.DATA"]', "aria-invalid")).toBe("true");
    expect(factory.getScriptSpec(NODE).spec).toEqual(before);
    await tab.screenshot({ path: join(artifactsDir(), "requirements-form-problem.png"), fullPage: true });
    await tab.close();
  });

  it("is refused without the session token, from the page as from the form", async () => {
    const before = factory.getScriptSpec(NODE).spec;
    const tab = await open();
    const status = await tab.evaluate(async (endpoint) => {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ node: "TabularPreprocessing_training", overrides: { env: { LABEL_FIELD: "tampered" } } }),
      });
      return response.status;
    }, channel.endpoint);
    expect(status).toBe(403);
    await tab.close();

    const forged = await open(formHtml("f".repeat(48)));
    await forged.fill('input[name="env.LABEL_FIELD"]', "tampered");
    await forged.click('[data-cl-apply]');
    await forged.locator('[data-cl-result="problems"]').waitFor();
    expect(await forged.locator("[data-cl-status]").innerText()).toContain("missing or wrong session token");
    expect(factory.getScriptSpec(NODE).spec).toEqual(before);
    await forged.close();
  });

  it("refuses edits from the form of a factory that a re-run factory cell replaced, saying why", async () => {
    const options = { dag: demoDag, config: demoConfig, workspace };
    const first = notebookFactory(options);
    const firstChannel = await first.configChannel();
    const elsewhere = notebookFactory({ ...options, workspace: `${workspace}-other` });
    const second = notebookFactory(options);
    const submit = async (f: TestingFactory, c: ConfigServer): Promise<string> => {
      const tab = await open(formOf(f, c));
      await tab.fill('input[name="env.LABEL_FIELD"]', "is_benign");
      await tab.click('[data-cl-apply]');
      await tab.locator('[data-cl-result="ok"], [data-cl-result="problems"]').waitFor();
      const text = await tab.locator("[data-cl-status]").innerText();
      await tab.close();
      return text;
    };
    try {
      expect(await submit(first, firstChannel)).toContain(msg.formOfReplacedFactory());
      expect(first.getScriptSpec(NODE).spec.env["LABEL_FIELD"]?.source).toBe("config:label_name");
      expect(await submit(second, await second.configChannel())).toContain(`Applied to ${NODE}`);
      expect(second.getScriptSpec(NODE).spec.env["LABEL_FIELD"]?.value).toBe("is_benign");
      // Another workspace is another factory the notebook may still use.
      expect(await submit(elsewhere, await elsewhere.configChannel())).toContain(`Applied to ${NODE}`);
    } finally {
      await Promise.all([first.close(), second.close(), elsewhere.close()]);
    }
  });

  it("with no route to the kernel, says which routes failed and shows the call that makes the same change", async () => {
    const stopped = await startConfigServer(factory);
    const html = formHtml().replace(channel.endpoint, stopped.endpoint);
    await stopped.close();
    const tab = await open(html);
    await tab.fill('input[name="env.LABEL_FIELD"]', "copied_label");
    await tab.fill('input[name="args.--job_type"]', "training");
    await tab.click("[data-cl-apply]");
    await tab.locator('[data-cl-result="error"]').waitFor();
    const text = await tab.locator("[data-cl-status]").innerText();
    expect(text).not.toMatch(/has stopped/);
    expect(text).toContain(msg.formRouteDirect(stopped.endpoint, msg.formRouteUnreachable()));
    expect(text).toContain(msg.formRouteKernel(msg.formRouteNoKernelConnection()));
    const code = await tab.locator("[data-cl-copy]").innerText();
    await tab.close();
    // Run as the next cell would: the copied call changes the factory exactly as Apply would have.
    // lab.configure also renders the result, which needs a tslab cell: here the API call it makes stands in for it.
    const lab = createFactory({ dag: demoDag, config: demoConfig, workspace: `${workspace}-copied` });
    new Function("lab", code)({ configure: (node: string, overrides: object) => lab.configureScriptTesting(node, overrides) });
    expect(lab.getScriptSpec(NODE).spec.env["LABEL_FIELD"]).toEqual({ value: "copied_label", source: "override" });
    expect(code).toBe(`lab.configure("${NODE}", {"env":{"LABEL_FIELD":"copied_label"}});`);
  });

  it("refuses a non-number and an empty required value before sending anything, with the API's messages", async () => {
    let requests = 0;
    const before = factory.getScriptSpec(NODE).spec;
    const tab = await open();
    tab.on("request", (r) => void (r.method() === "POST" && requests++));
    await tab.fill('input[name="env.TRAIN_RATIO"]', "not-a-number");
    await tab.fill('input[name="args.--job_type"]', "");
    await tab.click("[data-cl-apply]");
    await tab.locator('[data-cl-result="problems"]').waitFor();
    const text = await tab.locator("[data-cl-status]").innerText();
    expect(text).toContain(msg.formChecksFailed(NODE, 2));
    expect(text).toContain(msg.valueNotNumber("env.TRAIN_RATIO", "not-a-number"));
    expect(text).toContain(msg.valueEmpty("args.--job_type"));
    expect(await tab.getAttribute('input[name="env.TRAIN_RATIO"]', "aria-invalid")).toBe("true");
    expect(requests).toBe(0);
    expect(factory.getScriptSpec(NODE).spec).toEqual(before);
    await tab.close();
  });

  it("applies on Enter, then shows the kernel's values and sources, not the ones the page had", async () => {
    const tab = await open();
    // Another cell changes the kernel after the form was drawn; the form must not keep showing the old value.
    factory.configureScriptTesting(NODE, { env: { TRAIN_RATIO: "0.9" } });
    await tab.fill('input[name="env.LABEL_FIELD"]', "entered_label");
    await tab.press('input[name="env.LABEL_FIELD"]', "Enter");
    await tab.locator('[data-cl-result="ok"]').waitFor();
    expect(factory.getScriptSpec(NODE).spec.env["LABEL_FIELD"]).toEqual({ value: "entered_label", source: "override" });
    expect(await tab.inputValue('input[name="env.TRAIN_RATIO"]')).toBe("0.9");
    expect(await tab.locator('[data-cl-source="env.TRAIN_RATIO"]').innerText()).toBe("override");
    await tab.close();
  });

  it("does not submit or reload the page when scripts are blocked (an untrusted notebook)", async () => {
    const withoutScript = formHtml().replace(/<script>[\s\S]*?<\/script>/g, "");
    const tab = await open(withoutScript);
    let navigations = 0;
    tab.on("framenavigated", () => navigations++);
    await tab.fill('input[name="env.LABEL_FIELD"]', "x");
    await tab.press('input[name="env.LABEL_FIELD"]', "Enter");
    await tab.click("[data-cl-apply]");
    await tab.waitForTimeout(500);
    expect(navigations).toBe(0);
    expect(await tab.inputValue('input[name="env.LABEL_FIELD"]')).toBe("x");
    await tab.close();
  });

  it("shows a 73-character path whole in its field", async () => {
    const tab = await open();
    const path = `/home/ec2-user/SageMaker/projects/${"x".repeat(73 - 34 - 9)}/data.csv`;
    expect(path).toHaveLength(73);
    await tab.fill('input[name="inputs.DATA"]', path);
    const fits = await tab.$eval('input[name="inputs.DATA"]', (el) => (el as HTMLInputElement).scrollWidth <= (el as HTMLInputElement).clientWidth);
    expect(fits).toBe(true);
    expect(await tab.getAttribute('input[name="inputs.DATA"]', "title")).toBe(path);
    await tab.close();
  });
});
