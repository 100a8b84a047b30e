import type { IncomingHttpHeaders } from "node:http";

/**
 * Who may talk to the loopback channel, before the token is even looked at. Two routes exist:
 * - direct: a browser on this machine; the Host header is the loopback address the channel listens on
 *   (anything else is a DNS-rebound name), and CORS answers only pages served from loopback or VS Code's
 *   webview, since a form's page is one of those when the browser can reach 127.0.0.1 at all;
 * - proxied: Jupyter's server proxy (`<base_url>proxy/<port>/`) forwards the browser's headers as they
 *   are, so Host is the Jupyter server's public name and Origin is that same server (the notebook page
 *   posts to its own origin). Only that pair is accepted: a page of another origin proxied here is not.
 */
export type RequestRoute = { readonly route: "direct"; readonly allowOrigin: string | undefined } | { readonly route: "proxied" } | { readonly route: "refused" };

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);

function pageOriginAllowed(origin: string): boolean {
  if (origin.startsWith("vscode-webview://")) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_NAMES.has(url.hostname);
  } catch {
    return false;
  }
}

export function requestRoute(headers: IncomingHttpHeaders, port: number): RequestRoute {
  const host = headers.host ?? "";
  const origin = headers.origin;
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) {
    return { route: "direct", allowOrigin: origin !== undefined && pageOriginAllowed(origin) ? origin : undefined };
  }
  if (origin === undefined || host === "") return { route: "refused" };
  try {
    const page = new URL(origin);
    if ((page.protocol === "http:" || page.protocol === "https:") && page.host === host.toLowerCase()) return { route: "proxied" };
  } catch {
    // An Origin that is not a URL comes from no notebook page.
  }
  return { route: "refused" };
}
