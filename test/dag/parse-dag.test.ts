import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { childrenOf, parentsOf } from "../../src/dag/dag.js";
import { loadDag, parseDag } from "../../src/dag/parse-dag.js";
import { badFixture, cursusFixtures, XGBOOST_DAG } from "../helpers/fixtures.js";
import { failure } from "../helpers/expect-error.js";

/** Runs `fn`, expecting a CursusLabError, and returns it for closer checks. */

describe("parseDag", () => {
  it("accepts the bare {nodes, edges} form", () => {
    const dag = parseDag({ nodes: ["A", "B"], edges: [["A", "B"]] }, "bare.json");
    expect(dag.nodes).toEqual(["A", "B"]);
    expect(dag.edges).toEqual([["A", "B"]]);
    expect(dag.name).toBeUndefined();
    expect(dag.source).toBe("bare.json");
  });

  it("accepts the bare form without edges", () => {
    const dag = parseDag({ nodes: ["Only"] }, "bare.json");
    expect(dag.order).toEqual(["Only"]);
    expect(dag.edges).toEqual([]);
  });

  it("reads the cursus form with its description and metadata name", () => {
    const dag = parseDag({ dag: { description: "d", nodes: ["A"], edges: [] }, metadata: { name: "pipe" } }, "wrapped.json");
    expect(dag.description).toBe("d");
    expect(dag.name).toBe("pipe");
  });

  it("fills parents and children from the edges", () => {
    const dag = parseDag({ nodes: ["A", "B", "C"], edges: [["A", "C"], ["B", "C"]] }, "x");
    expect(parentsOf(dag, "C")).toEqual(["A", "B"]);
    expect(childrenOf(dag, "A")).toEqual(["C"]);
    expect(parentsOf(dag, "A")).toEqual([]);
  });

  it("keeps a repeated edge once", () => {
    const dag = parseDag({ nodes: ["A", "B"], edges: [["A", "B"], ["A", "B"]] }, "x");
    expect(dag.edges).toEqual([["A", "B"]]);
    expect(parentsOf(dag, "B")).toEqual(["A"]);
  });

  it("rejects a cycle and lists it, naming the file", () => {
    const error = failure(() => loadDag(badFixture("cycle.dag.json")));
    expect(error.code).toBe("DAG_CYCLE");
    expect(error.file).toBe(badFixture("cycle.dag.json"));
    expect(error.message).toContain("A -> B -> C -> A");
    expect(error.message).toContain(badFixture("cycle.dag.json"));
  });

  it("rejects an edge to an unknown node, naming the edge and the node", () => {
    const error = failure(() => loadDag(badFixture("unknown-edge.dag.json")));
    expect(error.code).toBe("DAG_UNKNOWN_NODE");
    expect(error.at).toBe("dag.edges[1]");
    expect(error.message).toContain('"XGBoostModelEvaluation"');
    expect(error.hint).toContain("XGBoostTraining");
  });

  it("rejects an edge from an unknown node too", () => {
    const error = failure(() => parseDag({ nodes: ["B"], edges: [["A", "B"]] }, "x"));
    expect(error.code).toBe("DAG_UNKNOWN_NODE");
    expect(error.message).toContain('names "A"');
  });

  it("rejects a duplicate node, naming where it repeats", () => {
    const error = failure(() => loadDag(badFixture("duplicate-node.dag.json")));
    expect(error.code).toBe("DAG_DUPLICATE_NODE");
    expect(error.at).toBe("dag.nodes[2]");
    expect(error.message).toContain('"TabularPreprocessing_training" is declared twice');
  });

  it.each([
    { name: "nodes as a string in the cursus form", raw: { dag: { nodes: "A, B", edges: [] } }, at: "dag.nodes" },
    { name: "nodes as a string in the bare form", raw: { nodes: "A, B" }, at: "nodes" },
    { name: "an edge with one end", raw: { dag: { nodes: ["A"], edges: [["A"]] } }, at: "dag.edges[0]" },
    { name: "an empty node name", raw: { nodes: ["A", ""] }, at: "nodes[1]" },
    { name: "a top-level array", raw: ["A", "B"], at: "(top level)" },
  ])("rejects the wrong shape at its JSON path: $name", ({ raw, at }) => {
    const error = failure(() => parseDag(raw, "shape.json"));
    expect(error.code).toBe("WRONG_SHAPE");
    expect(error.at).toBe(at);
    expect(error.message).toContain("shape.json is not a DAG file");
    expect(error.message).toContain(at);
  });

  it("reports a missing DAG file with its path", () => {
    const error = failure(() => loadDag(badFixture("no-such.dag.json")));
    expect(error.code).toBe("FILE_UNREADABLE");
    expect(error.message).toBe(`DAG file not found: ${badFixture("no-such.dag.json")}`);
  });

  it("reports invalid JSON with line and column", () => {
    const error = failure(() => loadDag(badFixture("invalid-json.dag.json")));
    expect(error.code).toBe("INVALID_JSON");
    expect(error.message).toContain("at line 4, column 26");
    expect(error.message).not.toContain("\n");
  });
});

describe("the real cursus DAGs", () => {
  const files = readdirSync(join(cursusFixtures, "dags")).filter((f) => f.endsWith(".dag.json"));

  it("are all here", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)("%s loads with every node once in an order that respects its edges", (file) => {
    const dag = loadDag(join(cursusFixtures, "dags", file));
    expect(dag.name).toBeTypeOf("string");
    expect([...dag.order].sort()).toEqual([...dag.nodes].sort());
    const position = new Map(dag.order.map((n, i) => [n, i]));
    for (const [from, to] of dag.edges) expect(position.get(from)!).toBeLessThan(position.get(to)!);
  });

  it("orders xgboost_complete_e2e deterministically", () => {
    expect(loadDag(XGBOOST_DAG).order).toEqual([
      "CradleDataLoading_training",
      "TabularPreprocessing_training",
      "XGBoostTraining",
      "Payload",
      "CradleDataLoading_calibration",
      "TabularPreprocessing_calibration",
      "XGBoostModelEval_calibration",
      "ModelCalibration_calibration",
      "Package",
      "Registration",
    ]);
  });
});
