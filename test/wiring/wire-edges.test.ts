import { describe, expect, it } from "vitest";
import { stepInterfaceSchema } from "../../src/catalog/step-interface-schema.js";
import { wireEdges, type ExplicitWire, type WiringNode } from "../../src/wiring/wire-edges.js";

interface Dep { type?: string; compatible_sources?: string[]; semantic_keywords?: string[] }
interface Out { type?: string; aliases?: string[]; semantic_keywords?: string[] }

/** A purpose-built node: its interface spec goes through the real schema, so defaults are the real ones. */
function node(name: string, sourceTypes: string[], inputs: Record<string, Dep>, outputs: Record<string, Out>): WiringNode {
  const spec = stepInterfaceSchema.parse({ step_type: name, registry: { sagemaker_step_type: "Processing" }, spec: { dependencies: inputs, outputs } }).spec;
  return { name, sourceTypes, inputs: Object.keys(inputs), outputs: Object.keys(outputs), spec };
}

const nodesOf = (...list: WiringNode[]): Map<string, WiringNode> => new Map(list.map((n) => [n.name, n]));
const chosen = (wiring: ReturnType<typeof wireEdges>) => wiring.wires.map((w) => `${w.fromNode}.${w.fromOutput} -> ${w.node}.${w.input} ${w.kind} ${w.confidence}`);

const down = (deps: Record<string, Dep>) => node("Down", ["Down"], deps, {});

interface Case {
  readonly name: string;
  readonly parents: WiringNode[];
  readonly down: WiringNode;
  readonly wires: string[];
  readonly tie?: string[];
}

const cases: Case[] = [
  {
    name: "the same logical name beats an alias",
    parents: [node("A", ["A"], {}, { data: {} }), node("B", ["B"], {}, { other: { aliases: ["data"] } })],
    down: down({ data: {} }),
    wires: ["A.data -> Down.data name 1"],
  },
  {
    name: "an alias equal to the input name",
    parents: [node("A", ["A"], {}, { out: { aliases: ["data"] } })],
    down: down({ data: {} }),
    wires: ["A.out -> Down.data alias 0.9"],
  },
  {
    name: "two aliases: the one from a compatible source wins",
    parents: [node("Imp", ["Imp_Calibration", "Imp"], {}, { art: { aliases: ["tables"] } }), node("Risk", ["Risk_Training", "Risk"], {}, { art: { aliases: ["tables"] } })],
    down: down({ tables: { compatible_sources: ["Risk_Training"] } }),
    wires: ["Risk.art -> Down.tables alias 0.9"],
  },
  {
    name: "compatible sources match the step type as well as the variant, ignoring case",
    parents: [node("X", ["X_Training", "X"], {}, { art: { aliases: ["tables"] } }), node("Y", ["Y_Training", "Y"], {}, { art: { aliases: ["tables"] } })],
    down: down({ tables: { compatible_sources: ["y"] } }),
    wires: ["Y.art -> Down.tables alias 0.9"],
  },
  {
    name: "two aliases from equally compatible sources: the type decides",
    parents: [node("A", ["A"], {}, { m: { type: "model_artifacts", aliases: ["data"] } }), node("B", ["B"], {}, { d: { type: "processing_output", aliases: ["data"] } })],
    down: down({ data: { type: "training_data" } }),
    wires: ["B.d -> Down.data alias 0.9"],
  },
  {
    name: "two aliases, nothing to tell them apart: a tie, no wire",
    parents: [node("A", ["A"], {}, { art: { aliases: ["tables"] } }), node("B", ["B"], {}, { art: { aliases: ["tables"] } })],
    down: down({ tables: { compatible_sources: ["ProcessingStep"] } }),
    wires: [],
    tie: ["A.art", "B.art"],
  },
  {
    name: "two outputs of one parent that both alias the input are a tie too",
    parents: [node("A", ["A"], {}, { x: { aliases: ["data"] }, y: { aliases: ["data"] } })],
    down: down({ data: {} }),
    wires: [],
    tie: ["A.x", "A.y"],
  },
  {
    name: "keywords count only from a compatible source",
    parents: [node("A", ["A"], {}, { risk_tables: { semantic_keywords: ["bin_mapping"] } })],
    down: down({ tables_in: { compatible_sources: ["Other"], semantic_keywords: ["bin_mapping"] } }),
    wires: [],
  },
  {
    name: "keywords from a compatible source with an accepted type",
    parents: [node("A", ["A"], {}, { risk_tables: { type: "processing_output", semantic_keywords: ["bin_mapping"] } })],
    down: down({ tables_in: { type: "processing_output", compatible_sources: ["A"], semantic_keywords: ["bin_mapping"] } }),
    wires: ["A.risk_tables -> Down.tables_in semantic 0.73"],
  },
  {
    name: "keywords do not wire a type the dependency does not accept",
    parents: [node("A", ["A"], {}, { risk_tables: { type: "model_artifacts", semantic_keywords: ["bin_mapping"] } })],
    down: down({ tables_in: { type: "hyperparameters", compatible_sources: ["A"], semantic_keywords: ["bin_mapping"] } }),
    wires: [],
  },
];

describe("wireEdges", () => {
  for (const c of cases) {
    it(c.name, () => {
      const nodes = nodesOf(...c.parents, c.down);
      const parentNames = c.parents.map((p) => p.name);
      const wiring = wireEdges(nodes, new Map([["Down", parentNames]]));
      expect(chosen(wiring)).toEqual(c.wires);
      expect(wiring.ties.map((t) => t.candidates.map((x) => `${x.from.node}.${x.from.output}`).sort())).toEqual(c.tie === undefined ? [] : [c.tie]);
      // Edge order never decides: the same DAG with its edges the other way round wires the same.
      const reversed = wireEdges(nodes, new Map([["Down", [...parentNames].reverse()]]));
      expect(chosen(reversed)).toEqual(c.wires);
      expect(reversed.ties.length).toBe(wiring.ties.length);
    });
  }

  it("lists every candidate considered, best first, with why it ranks there", () => {
    const nodes = nodesOf(
      node("Imp", ["Imp_Calibration", "Imp"], {}, { art: { type: "processing_output", aliases: ["tables"] } }),
      node("Risk", ["Risk_Training", "Risk"], {}, { art: { type: "processing_output", aliases: ["tables"] } }),
      down({ tables: { type: "processing_output", compatible_sources: ["Risk_Training"] } }),
    );
    const { considered } = wireEdges(nodes, new Map([["Down", ["Imp", "Risk"]]]));
    expect(considered).toEqual([
      {
        node: "Down",
        input: "tables",
        candidates: [
          { from: { node: "Risk", output: "art" }, kind: "alias", confidence: 0.9, compatibleSource: true, typeMatch: true },
          { from: { node: "Imp", output: "art" }, kind: "alias", confidence: 0.9, compatibleSource: false, typeMatch: true },
        ],
      },
    ]);
  });

  it("nodes of one interface are told apart by the variant a dependency names, and keep parent order within a rank", () => {
    // One spec object for all three, as nodes of one step type share their interface.
    const shared = node("Risk", ["Risk"], {}, { art: { type: "processing_output", aliases: ["tables"] } });
    const variant = (name: string, job: string): WiringNode => ({ ...shared, name, sourceTypes: [`Risk_${job}`, "Risk"] });
    const nodes = nodesOf(
      variant("R1", "Calibration"),
      variant("R2", "Training"),
      variant("R3", "Calibration"),
      node("Other", ["Other"], {}, { art: { aliases: ["tables"] } }),
      down({ tables: { type: "processing_output", compatible_sources: ["risk_training"] } }),
    );
    const { considered, wires } = wireEdges(nodes, new Map([["Down", ["R1", "Other", "R2", "R3"]]]));
    expect(wires.map((w) => w.fromNode)).toEqual(["R2"]);
    expect(considered[0]!.candidates.map((c) => c.from.node)).toEqual(["R2", "R1", "Other", "R3"]);
  });

  it("an explicit wire settles a tie, and may read an ancestor that is not a parent", () => {
    const nodes = nodesOf(
      node("Far", ["Far"], {}, { art: { aliases: ["tables"] } }),
      node("A", ["A"], {}, { art: { aliases: ["tables"] } }),
      node("B", ["B"], {}, { art: { aliases: ["tables"] } }),
      down({ tables: {} }),
    );
    const explicit: ExplicitWire[] = [{ node: "Down", input: "tables", from: { node: "Far", output: "art" } }];
    const wiring = wireEdges(nodes, new Map([["A", ["Far"]], ["Down", ["A", "B"]]]), explicit);
    expect(wiring.ties).toEqual([]);
    expect(chosen(wiring)).toContain("Far.art -> Down.tables explicit 1");
    // A and B now feed nothing of Down: the user's wire replaced them (A itself has no inputs for Far to feed).
    expect(wiring.unusedEdges).toEqual([{ from: "Far", to: "A" }, { from: "A", to: "Down" }, { from: "B", to: "Down" }]);
  });

  it("reports an edge that feeds no input, but not the parents of a tie", () => {
    const nodes = nodesOf(
      node("A", ["A"], {}, { art: { aliases: ["tables"] } }),
      node("B", ["B"], {}, { art: { aliases: ["tables"] } }),
      node("Stray", ["Stray"], {}, { unrelated: {} }),
      down({ tables: {} }),
    );
    const wiring = wireEdges(nodes, new Map([["Down", ["A", "Stray", "B"]]]));
    expect(wiring.unusedEdges).toEqual([{ from: "Stray", to: "Down" }]);
    expect(wiring.ties).toHaveLength(1);
  });
});
