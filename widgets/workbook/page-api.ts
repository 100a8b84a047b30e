/*
 * How the page talks to its server. Every address is relative to the page, so the page works at `/` and
 * behind a proxy path alike; every request carries the session's token, which the page's own address holds.
 */

const token = document.querySelector<HTMLMetaElement>('meta[name="cl-token"]')?.content ?? new URLSearchParams(location.search).get("token") ?? "";

/** `events?token=…&node=…`, relative to the page. */
export function pageUrl(route: string, params: Readonly<Record<string, string>> = {}): string {
  const query = new URLSearchParams({ token, ...params });
  return `${route}?${query.toString()}`;
}

export async function postJson(route: string, body: unknown): Promise<{ status: number; reply: unknown }> {
  const response = await fetch(pageUrl(route), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, reply: await response.json() };
}

export async function fetchText(route: string, params: Readonly<Record<string, string>>): Promise<string> {
  const response = await fetch(pageUrl(route, params));
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return response.text();
}

/** Builds an element; children are nodes or text, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
