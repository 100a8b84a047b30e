import * as msg from "../../src/messages.js";
import { isReply, type Reply, type RouteOutcome } from "./form-reply.js";

/**
 * The route through the front end's own kernel connection: Classic Notebook and nbclassic expose
 * `Jupyter.notebook.kernel` to output scripts, and its execute requests travel over Jupyter's websocket,
 * which a remote browser reaches wherever it reaches the notebook. The request is silent (no cell, no
 * execution count in the page); its stdout comes back to this request's callbacks only.
 */
const KERNEL_ROUTE_KEY = "cursus-lab.form-edits";
const KERNEL_ROUTE_MARKER = "cursus-lab-form-reply:";

interface JupyterMessage {
  readonly msg_type?: string;
  readonly header?: { readonly msg_type?: string };
  readonly content?: { readonly name?: string; readonly text?: string; readonly status?: string };
}

interface ClassicKernel {
  execute(code: string, callbacks: { shell?: { reply?: (m: JupyterMessage) => void }; iopub?: { output?: (m: JupyterMessage) => void } }, options: Record<string, unknown>): string;
  is_connected?: () => boolean;
}

export function classicKernel(): ClassicKernel | undefined {
  const jupyter = (window as unknown as { Jupyter?: { notebook?: { kernel?: ClassicKernel | null } } }).Jupyter;
  const kernel = jupyter?.notebook?.kernel ?? undefined;
  return kernel !== undefined && typeof kernel.execute === "function" ? kernel : undefined;
}

/** TypeScript that tslab type-checks; it declares nothing (no user name is shadowed) and has no value to show. */
function code(token: string, body: string): string {
  return `void (globalThis as any)[Symbol.for(${JSON.stringify(KERNEL_ROUTE_KEY)})]?.(${JSON.stringify(token)}, ${JSON.stringify(body)});`;
}

/** `onSlow` runs when the kernel has not answered in `slowAfterMs` (it may be busy); the request stays pending. */
export function viaKernelConnection(token: string, body: string, onSlow: () => void, slowAfterMs = 5000): Promise<RouteOutcome> {
  const kernel = classicKernel();
  if (kernel === undefined) return Promise.resolve({ reached: false, why: msg.formRouteNoKernelConnection() });
  return new Promise((resolve) => {
    let stdout = "";
    let settled = false;
    const finish = (outcome: RouteOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(slow);
      resolve(outcome);
    };
    const slow = setTimeout(onSlow, slowAfterMs);
    const fromStdout = (): Reply | undefined => {
      const line = stdout.split("\n").find((l) => l.startsWith(KERNEL_ROUTE_MARKER));
      if (line === undefined) return undefined;
      try {
        const parsed: unknown = JSON.parse(line.slice(KERNEL_ROUTE_MARKER.length));
        return isReply(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    };
    kernel.execute(
      code(token, body),
      {
        iopub: {
          output: (m) => {
            const type = m.msg_type ?? m.header?.msg_type;
            if (type === "stream" && m.content?.name === "stdout") stdout += m.content.text ?? "";
            const reply = fromStdout();
            if (reply !== undefined) finish({ reached: true, reply });
          },
        },
        shell: {
          // The reply may overtake the last output on the websocket: give the output a moment first.
          reply: () =>
            setTimeout(() => {
              finish({ reached: true, reply: fromStdout() ?? { ok: false, message: msg.formUnknownSession() } });
            }, 500),
        },
      },
      { silent: true, store_history: false, allow_stdin: false, stop_on_error: false },
    );
  });
}
