import { describe, expect, it } from "vitest";
import { liveBundle } from "../../src/views/live-view.js";
import type { MimeBundle } from "../../src/views/mime-bundle.js";
import type { RunProgress } from "../../src/views/run-progress.js";

const progress: RunProgress = {
  runId: "live",
  jobs: 2,
  nodes: [
    { node: "Prep", status: "cached", durationMs: 12, note: "" },
    { node: "Train", status: "running", note: "epoch 3" },
  ],
  finished: undefined,
};
const chart: MimeBundle = { "text/plain": "Timing\nrows", "text/html": '<figure data-cl-chart="timing"><svg></svg></figure>', "application/vnd.vegalite.v5+json": { data: { values: [] }, mark: "bar" } };

describe("the notebook's live display bundle", () => {
  it("before any result: the note and the status table only", () => {
    const bundle = liveBundle(progress, undefined, [], "live: 1/2 nodes current");
    expect(bundle["text/plain"]).toMatch(/^live: 1\/2 nodes current\n\nrun live: 1\/2 nodes done\n/);
    expect(bundle["text/plain"]).toContain("epoch 3");
    expect(bundle["text/html"]).toContain('data-cl-view="live"');
    expect(bundle["text/html"]).toContain('data-cl-table="progress"');
    expect(bundle["text/html"]).not.toContain('data-cl-table="results"');
  });

  it("with charts: their HTML and text in the one bundle, and no single Vega-Lite spec standing for all of them", () => {
    const bundle = liveBundle(progress, undefined, [chart, { ...chart, "text/html": '<figure data-cl-chart="rows"></figure>' }], "note");
    expect(bundle["text/html"]).toContain('data-cl-chart="timing"');
    expect(bundle["text/html"]).toContain('data-cl-chart="rows"');
    expect(bundle["text/plain"]).toContain("Timing\nrows");
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
  });
});
