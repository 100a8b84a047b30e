/*
 * Import direction: dag/config/catalog -> discovery -> wiring -> specs -> model -> results -> engine -> schedule
 * -> factory -> views -> report -> workbook -> cli. results holds the run record schema the engine's node tasks fill in, so it
 * sits before the engine.
 */
const layer = (name, mayNotImport) => ({
  name: `${name}-imports-downstream`,
  comment: `src/${name} must not import ${mayNotImport.join(", ")}: data flows one way`,
  severity: "error",
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${mayNotImport.join("|")})/` },
});
const downstreamOf = ["dag", "config", "catalog", "discovery", "wiring", "specs", "model", "results", "engine", "schedule", "factory", "views", "report", "workbook", "cli"];
const rules = downstreamOf.map((name, i) => layer(name, downstreamOf.slice(i + 1))).filter((r) => !r.to.path.endsWith("()/"));
// dag, config and catalog are independent leaves.
rules.push(
  { name: "dag-is-a-leaf", severity: "error", from: { path: "^src/dag/" }, to: { path: "^src/(config|catalog)/" } },
  { name: "config-is-a-leaf", severity: "error", from: { path: "^src/config/" }, to: { path: "^src/(dag|catalog)/" } },
  { name: "catalog-is-a-leaf", severity: "error", from: { path: "^src/catalog/" }, to: { path: "^src/(dag|config)/" } },
  { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  { name: "src-not-from-kernel", severity: "error", from: { path: "^src/" }, to: { path: "^(kernel|widgets|test|bench)/" } },
  // The notebook adapter sits on top of src/ (widget bundles are read as files, not imported).
  {
    name: "kernel-imports-only-src",
    comment: "kernel/ is a thin adapter over src/: it imports src/ and packages, nothing else of the project",
    severity: "error",
    from: { path: "^kernel/" },
    to: { path: "^(widgets|test|bench|notebooks|scripts|dist)/" },
  },
  { name: "widgets-are-browser-code", severity: "error", from: { path: "^widgets/" }, to: { path: "^(kernel|test|bench|dist)/" } },
);
module.exports = {
  forbidden: rules,
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
