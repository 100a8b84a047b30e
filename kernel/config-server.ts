import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestingFactory } from "../src/factory/testing-factory.js";
import * as msg from "../src/messages.js";
import { applyFormEdit, type FormEditResult } from "./form-edit.js";
import { registerKernelRoute } from "./kernel-route.js";
import { requestRoute } from "./request-policy.js";

/**
 * The channel the editable requirement forms apply edits through. It binds 127.0.0.1 on a random port and
 * answers only requests that carry this session's token, so another local user or a web page cannot
 * reconfigure the kernel. The same token also opens the kernel-connection route (kernel-route.ts) for
 * browsers that cannot reach 127.0.0.1. The token lives only in this process: a notebook saved with it is
 * useless once the kernel restarts. Edits go through `configureScriptTesting`: same validation, same messages.
 */
export interface ConfigServer {
  readonly url: string;
  readonly endpoint: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = "x-cursus-lab-token";
const MAX_BODY = 1 << 20;

function tokenMatches(given: string | string[] | undefined, token: Buffer): boolean {
  if (typeof given !== "string") return false;
  const bytes = Buffer.from(given);
  return bytes.length === token.length && timingSafeEqual(bytes, token);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts the channel for one factory; `close()` it when done (it does not keep the process alive).
 * `refusal` names a reason to stop taking edits while the channel stays up, so an old form says why.
 */
export async function startConfigServer(factory: TestingFactory, refusal: () => string | undefined = () => undefined): Promise<ConfigServer> {
  const token = randomBytes(24).toString("hex");
  const tokenBytes = Buffer.from(token);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const send = ({ status, body }: FormEditResult | { status: number; body: { ok: false; message: string } }): void => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    const route = requestRoute(req.headers, port);
    res.setHeader("vary", "origin");
    if (route.route === "direct" && route.allowOrigin !== undefined) res.setHeader("access-control-allow-origin", route.allowOrigin);
    if (route.route === "refused") return send({ status: 403, body: { ok: false, message: msg.formRefusedHost() } });
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": `content-type, ${TOKEN_HEADER}`,
        "access-control-max-age": "600",
        // Chromium asks before a page reaches a loopback address (Private Network Access).
        "access-control-allow-private-network": "true",
      });
      res.end();
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], tokenBytes)) return send({ status: 403, body: { ok: false, message: msg.formRefusedToken() } });
    if (req.method !== "POST" || req.url !== "/configure") return send({ status: 404, body: { ok: false, message: msg.formOnlyConfigure() } });
    const raw = await readBody(req);
    if (raw === undefined) return send({ status: 413, body: { ok: false, message: msg.formEditTooLarge() } });
    send(applyFormEdit(factory, raw, refusal));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ ok: false, message: `Internal error: ${error instanceof Error ? error.message : String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref();
  port = (server.address() as AddressInfo).port;
  const unregister = registerKernelRoute(token, (raw) => applyFormEdit(factory, raw, refusal).body);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    endpoint: `${url}/configure`,
    port,
    token,
    close: () => {
      unregister();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
