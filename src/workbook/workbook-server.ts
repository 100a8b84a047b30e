import { randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { z } from "zod";
import { CursusLabError } from "../errors.js";
import * as msg from "../messages.js";
import { packageRoot } from "../package-root.js";
import { buildReport } from "../report/build-report.js";
import { WORKBOOK_EXPORT_FILE, workbookPageHtml } from "../views/workbook-page-html.js";
import { editRequestSchema, touchRequestSchema } from "./edit-request.js";
import type { WorkbookSession } from "./workbook-session.js";
import { pipeline } from "node:stream/promises";
import { isWithin } from "../io/is-within.js";

export interface WorkbookServer {
  /** The page's address with its token, as Jupyter prints it. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** Fixed in tests; a random one otherwise. */
  readonly token?: string;
}

const BODY_LIMIT = 64 * 1024;
export const PAGE_BUNDLE = join(packageRoot, "dist", "widgets", "workbook-page.js");

const CONTENT_TYPES: Record<string, string> = { csv: "text/csv", tsv: "text/tab-separated-values", json: "application/json", txt: "text/plain" };

/**
 * Serves one session's page on 127.0.0.1 only, with a per-session token (Jupyter's convention: `?token=`
 * or `Authorization: token …`). Routes are matched on the last path segment, so the page works whether a
 * proxy strips its prefix (`/proxy/8888/`) or passes it on.
 */
export async function startWorkbookServer(session: WorkbookSession, options: ServerOptions = {}): Promise<WorkbookServer> {
  if (!existsSync(PAGE_BUNDLE)) throw new CursusLabError("WORKBOOK_PAGE_MISSING", msg.workbookPageMissing(PAGE_BUNDLE), msg.workbookPageMissingHint());
  const token = options.token ?? randomBytes(24).toString("hex");
  const title = session.snapshot().title;
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // Browsers ask for it on their own, without the token; it reveals nothing.
    if (url.pathname.endsWith("/favicon.ico")) return send(res, 204, "image/x-icon", "");
    if (!authorised(req, url, token)) return sendJson(res, 403, { error: msg.workbookTokenRequired() });
    const route = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
    if (req.method === "GET" && (route === "" || route === "index.html")) return send(res, 200, "text/html; charset=utf-8", workbookPageHtml(title, token));
    if (req.method === "GET" && route === "workbook-page.js") return send(res, 200, "text/javascript; charset=utf-8", readFileSync(PAGE_BUNDLE, "utf8"));
    if (req.method === "GET" && route === "events") return openStream(res);
    if (req.method === "GET" && route === "file") return sendOutputFile(res, url);
    if (req.method === "GET" && route === "export") return sendReport(res);
    if (req.method === "POST" && route === "edit") {
      const body = await readBody(req, editRequestSchema);
      if (!body.ok) return sendJson(res, 400, { error: body.error });
      const outcome = session.edit(body.value);
      return sendJson(res, outcome.ok ? 200 : 422, outcome);
    }
    if (req.method === "POST" && route === "touch") {
      const body = await readBody(req, touchRequestSchema);
      if (!body.ok) return sendJson(res, 400, { error: body.error });
      if (session.cell(body.value.node) === undefined) return sendJson(res, 404, { error: msg.workbookUnknownNode(body.value.node) });
      return sendJson(res, 200, { affected: session.touch(body.value.node) });
    }
    return sendJson(res, 404, { error: msg.workbookNoRoute(url.pathname) });
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no" });
    const write = (data: unknown): void => void res.write(`data: ${JSON.stringify(data)}\n\n`);
    write({ type: "state", snapshot: session.snapshot() });
    const stop = session.subscribe(write);
    // Proxies close a stream that says nothing for a while.
    const beat = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    streams.add(res);
    res.on("close", () => {
      stop();
      clearInterval(beat);
      streams.delete(res);
    });
  }

  /** Only a file a node's current result lists, read from that result's own folder. */
  function sendOutputFile(res: ServerResponse, url: URL): void {
    const [node, output, path] = ["node", "output", "path"].map((k) => url.searchParams.get(k) ?? "");
    const record = session.cell(node ?? "")?.record;
    const out = record !== undefined && record.status !== "skipped" ? record.outputs.find((o) => o.logicalName === output) : undefined;
    const listed = out?.files.find((f) => f.path === path);
    if (out === undefined || listed === undefined) return sendJson(res, 404, { error: msg.workbookNoSuchOutputFile(node ?? "", output ?? "", path ?? "") });
    const file = join(out.path, listed.path);
    if (!isWithin(out.path, file) || !existsSync(file)) return sendJson(res, 404, { error: msg.workbookNoSuchOutputFile(node ?? "", output ?? "", path ?? "") });
    const ext = listed.path.slice(listed.path.lastIndexOf(".") + 1).toLowerCase();
    res.writeHead(200, { "content-type": CONTENT_TYPES[ext] ?? "application/octet-stream", "cache-control": "no-store" });
    // The file may go away between the check and the read: that ends this response, not the server.
    pipeline(createReadStream(file), res).catch(() => res.destroy());
  }

  /** The current state as the one-file report, as `--export` writes it, offered as a download. */
  async function sendReport(res: ServerResponse): Promise<void> {
    const html = await buildReport(session.record());
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-disposition": `attachment; filename="${WORKBOOK_EXPORT_FILE}"` });
    res.end(html);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new CursusLabError("PORT_IN_USE", msg.workbookPortInUse(options.port ?? 0), msg.workbookPortInUseHint()) : error),
    );
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () => closeServer(server, streams),
  };
}

function authorised(req: IncomingMessage, url: URL, token: string): boolean {
  const header = /^token\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const given = url.searchParams.get("token") ?? header ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return { ok: false, error: msg.workbookBodyTooLarge(BODY_LIMIT) };
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return { ok: false, error: msg.workbookBodyNotJson() };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ") };
  return { ok: true, value: parsed.data };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json", JSON.stringify(body));
}

function closeServer(server: Server, streams: Set<ServerResponse>): Promise<void> {
  for (const res of streams) res.end();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
