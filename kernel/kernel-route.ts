import * as msg from "../src/messages.js";
import type { FormReply } from "./form-edit.js";

/**
 * The route for a browser that cannot reach the kernel's loopback channel (a remote browser): the form
 * sends its edit as a silent execute request over the front end's own kernel connection, and the code it
 * runs calls the handler registered here under the form's token. The registry sits on `globalThis`
 * because the execute request runs as cell code, which may load another copy of this module.
 */
export const KERNEL_ROUTE_KEY = "cursus-lab.form-edits";
/** The reply comes back on the request's stdout as one line after this marker; other output is ignored. The widget (widgets/form/kernel-connection.ts) holds the same two strings. */
export const KERNEL_ROUTE_MARKER = "cursus-lab-form-reply:";

type Handler = (raw: string) => FormReply;
interface Registry {
  readonly handlers: Map<string, Handler>;
  (token: string, raw: string): void;
}

function registry(): Registry {
  const slot = Symbol.for(KERNEL_ROUTE_KEY);
  const global = globalThis as unknown as Record<symbol, Registry | undefined>;
  const existing = global[slot];
  if (existing !== undefined) return existing;
  const handlers = new Map<string, Handler>();
  const dispatch = (token: string, raw: string): void => {
    const handler = handlers.get(token);
    const reply: FormReply = handler === undefined ? { ok: false, message: msg.formUnknownSession() } : handler(raw);
    process.stdout.write(`${KERNEL_ROUTE_MARKER}${JSON.stringify(reply)}\n`);
  };
  const made = Object.assign(dispatch, { handlers });
  global[slot] = made;
  return made;
}

/** Lets forms carrying `token` apply edits through the kernel connection; the returned function ends that. */
export function registerKernelRoute(token: string, handler: Handler): () => void {
  const { handlers } = registry();
  handlers.set(token, handler);
  return () => void handlers.delete(token);
}

