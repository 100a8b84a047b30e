/** What users read in the notebook's forms: the routes Apply takes to the kernel and the checks before it. */

// Notebook forms: the routes Apply takes to the kernel, and the checks made before it
export const formEditNotJson = (): string => "The request body is not JSON.";
export const formEditShape = (): string => 'Send {"node": "<DAG node>", "overrides": {...}}.';
export const formEditTooLarge = (): string => "The request body is too large.";
export const formEditNulInValue = (field: string): string => `${field} holds a NUL character, which no path or environment value can contain`;
export const formEditNulInValueFix = (): string => "Remove the NUL character (often pasted along with the value) and apply again.";
export const formApplied = (node: string): string => `Applied to ${node}; the next cell sees the change.`;
export const formNothingChanged = (): string => "Nothing changed.";
export const formRefusedHost = (): string =>
  "Refused: the request came neither from this machine (loopback) nor through the Jupyter server's proxy of this page.";
export const formRefusedToken = (): string => "Refused: missing or wrong session token. Use the form of this kernel session.";
export const formOnlyConfigure = (): string => "Only POST /configure is served.";
export const valueNotNumber = (field: string, value: string): string => `${field} must be a number (the config holds one), not "${value}"`;
export const valueNotNumberFix = (): string => "Type digits such as 4, 0.7 or 1e-05.";
export const valueNotBoolean = (field: string, value: string): string => `${field} must be true or false (the config holds a boolean), not "${value}"`;
export const valueNotBooleanFix = (): string => "Type true or false.";
export const valueEmpty = (field: string): string => `${field} is required and cannot be empty`;
export const valueEmptyFix = (): string => "Give it a value, or reload the form to get the current one back.";
export const formChecksFailed = (node: string, count: number): string =>
  `${node}: ${count} value${count === 1 ? "" : "s"} to fix before Apply; nothing was sent`;
export const formUnknownSession = (): string =>
  "The kernel is running but no longer knows this form: it was restarted, or the cell that made the factory ran again. Run the cell that shows the form again.";
export const formKernelSilent = (seconds: number): string =>
  `The kernel has not answered in ${seconds} s: it is busy running a cell (the change is applied once that cell ends), or it is not connected.`;
export const formRouteDirect = (url: string, why: string): string => `direct channel ${url}: ${why}`;
export const formRouteKernel = (why: string): string => `the notebook's kernel connection: ${why}`;
export const formRouteProxy = (url: string, why: string): string => `Jupyter's server proxy ${url}: ${why}`;
export const formRouteNoKernelConnection = (): string => "this page exposes no kernel connection to outputs (only Classic Notebook and nbclassic do)";
export const formRouteNoBaseUrl = (): string => "this page is not served by Jupyter (no base URL)";
export const formRouteUnreachable = (): string => "not reachable from this browser";
export const formRouteAnswered = (status: number): string => `answered HTTP ${status}, not the channel`;
export const formNoRoute = (tried: readonly string[]): string =>
  `Apply reached no route to the kernel (nothing was changed). Tried: ${tried.join("; ")}. Run this code in the next cell instead:`;
export const notebookRunInterrupted = (): string =>
  "Interrupted: the running scripts were stopped with their child processes and run.json records the run; the progress above shows where each node stopped.";
export const formOfReplacedFactory = (): string =>
  "Not applied: this form belongs to a factory that a later factory(...) call on the same DAG, config and workspace replaced. Run the cell that shows the form again, on the current factory.";
