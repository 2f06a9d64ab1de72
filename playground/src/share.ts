// The share link: the draft and its settings in the URL fragment (the
// part after `#`, which a browser never sends to a server), as base64url
// of their JSON in UTF-8.

export interface Shared {
  text: string;
  channel?: string;
  lang?: string;
  mode?: string;
  config?: string;
}

export function encode(state: Shared): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The state a fragment holds (with or without its `#`), or `null` when it
 * holds none that can be read. */
export function decode(fragment: string): Shared | null {
  const data = fragment.replace(/^#/, "");
  if (!data) return null;
  try {
    const binary = atob(data.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof value !== "object" || value === null) return null;
    const v = value as Record<string, unknown>;
    if (typeof v.text !== "string") return null;
    const str = (x: unknown) => (typeof x === "string" ? x : undefined);
    return { text: v.text, channel: str(v.channel), lang: str(v.lang), mode: str(v.mode), config: str(v.config) };
  } catch {
    return null;
  }
}
