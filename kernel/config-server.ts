import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { CursusLabError, ProblemsError, type Problem } from "../src/errors.js";
import type { TestingFactory } from "../src/factory/testing-factory.js";
import { requirementRows } from "../src/views/requirements-view.js";

/**
 * The loopback channel the editable requirement forms post to. It binds 127.0.0.1 on a random port and
 * answers only requests that carry this session's token, so another local user or a web page cannot
 * reconfigure the kernel. Edits go through `configureScriptTesting`: same validation, same messages.
 */
export interface ConfigServer {
  readonly url: string;
  readonly endpoint: string;
  readonly token: string;
  close(): Promise<void>;
}

export const TOKEN_HEADER = "x-cursus-lab-token";
const MAX_BODY = 1 << 20;

const requestSchema = z.object({ node: z.string(), overrides: z.unknown() });

type Reply = { status: number; body: Record<string, unknown> };

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

/** Applies one form submission; every outcome is a JSON reply the widget can show. */
function configure(factory: TestingFactory, raw: string): Reply {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { status: 400, body: { ok: false, message: "The request body is not JSON." } };
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { ok: false, message: 'Send {"node": "<DAG node>", "overrides": {...}}.' } };
  const { node, overrides } = parsed.data;
  try {
    const spec = factory.configureScriptTesting(node, overrides as Parameters<TestingFactory["configureScriptTesting"]>[1]);
    const rows = requirementRows(factory.getScriptTestingRequirements(node), factory.getScriptSpec(node), factory.wires);
    const sources = Object.fromEntries(rows.map((r) => [r.field, r.source]));
    return { status: 200, body: { ok: true, message: `Applied to ${node}; the next cell sees the change.`, spec, sources } };
  } catch (error) {
    if (error instanceof ProblemsError) return { status: 422, body: { ok: false, message: error.message, problems: error.problems } };
    if (error instanceof CursusLabError) {
      const problem: Problem = { node, field: "node", message: error.message, fix: error.hint };
      return { status: 422, body: { ok: false, message: error.message, problems: [problem] } };
    }
    throw error;
  }
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
    const send = ({ status, body }: Reply): void => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    // The form lives in a notebook page (another origin): let browsers send the token header; the token still decides.
    res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
    res.setHeader("vary", "origin");
    // A DNS-rebound name would reach 127.0.0.1 with a foreign Host header: accept loopback names only.
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send({ status: 403, body: { ok: false, message: "Refused: not a loopback host." } });
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": `content-type, ${TOKEN_HEADER}`, "access-control-max-age": "600",
        // Chromium asks before a page reaches a loopback address (Private Network Access).
        "access-control-allow-private-network": "true",
      });
      res.end();
      return;
    }
    if (!tokenMatches(req.headers[TOKEN_HEADER], tokenBytes)) {
      return send({ status: 403, body: { ok: false, message: "Refused: missing or wrong session token. Use the form of this kernel session." } });
    }
    if (req.method !== "POST" || req.url !== "/configure") return send({ status: 404, body: { ok: false, message: "Only POST /configure is served." } });
    const refused = refusal();
    if (refused !== undefined) return send({ status: 409, body: { ok: false, message: refused } });
    const raw = await readBody(req);
    if (raw === undefined) return send({ status: 413, body: { ok: false, message: "The request body is too large." } });
    send(configure(factory, raw));
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
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    endpoint: `${url}/configure`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
