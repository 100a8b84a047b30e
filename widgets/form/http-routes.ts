import * as msg from "../../src/messages.js";
import { isReply, type RouteOutcome } from "./form-reply.js";

/** The page's Jupyter base URL: Classic Notebook puts it on <body>, JupyterLab in its page config. */
export function jupyterBaseUrl(doc: Document): string | undefined {
  const classic = doc.body?.dataset["baseUrl"];
  if (classic !== undefined && classic !== "") return classic;
  const config = doc.getElementById("jupyter-config-data")?.textContent;
  if (config === undefined || config === null) return undefined;
  try {
    const base = (JSON.parse(config) as { baseUrl?: unknown }).baseUrl;
    return typeof base === "string" && base !== "" ? base : undefined;
  } catch {
    return undefined;
  }
}

/** jupyter-server-proxy serves `<base_url>proxy/<port>/<path>` from the page's own origin. */
export function proxyEndpoint(baseUrl: string, port: number, pageUrl: string): string {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return new URL(`${base}proxy/${port}/configure`, pageUrl).href;
}

/** POSTs the edit; a reply counts only when it is the channel's JSON, not some other server's page. */
export async function viaHttp(url: string, token: string, body: string, timeoutMs: number, describe: (why: string) => string): Promise<RouteOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cursus-lab-token": token },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { reached: false, why: describe(msg.formRouteUnreachable()) };
  }
  try {
    const parsed: unknown = await response.json();
    if (isReply(parsed)) return { reached: true, reply: parsed };
  } catch {
    // Not JSON: a page of another server (no proxy installed answers 404 HTML).
  }
  return { reached: false, why: describe(msg.formRouteAnswered(response.status)) };
}
