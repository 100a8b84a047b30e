import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfigServer, type ConfigServer } from "../../kernel/config-server.js";
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
    })["text/html"];
  const formHtml = (token?: string): string => formOf(factory, channel, token);

  async function open(html?: string): Promise<Page> {
    const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    if (html === undefined) await tab.goto(page.url);
    else await tab.setContent(html);
    return tab;
  }

  beforeAll(async () => {
    registerKernel(); // builds the widget bundle the form inlines
    factory = createFactory({ dag: demoDag, config: demoConfig, workspace });
    channel = await startConfigServer(factory);
    page = await servePage(() => formHtml());
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
    await tab.click('button[type="submit"]');
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
    await tab.click('button[type="submit"]');
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
    await forged.click('button[type="submit"]');
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
      await tab.click('button[type="submit"]');
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

  it("says the kernel is gone when the channel has stopped", async () => {
    const tab = await open();
    const stopped = await startConfigServer(factory);
    const html = formHtml().replace(channel.endpoint, stopped.endpoint);
    await stopped.close();
    await tab.setContent(html);
    await tab.fill('input[name="env.LABEL_FIELD"]', "anything");
    await tab.click('button[type="submit"]');
    await tab.locator('[data-cl-result="error"]').waitFor();
    expect(await tab.locator("[data-cl-status]").innerText()).toContain("Could not reach the notebook's kernel");
    await tab.close();
  });
});
