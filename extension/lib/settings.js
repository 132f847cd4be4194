// Where the companion lives and the extension token that lets this browser save jobs there.
// Kept in chrome.storage.local: the token never syncs to other browsers signed in to the same profile.

export const DEFAULT_SERVER_URL = "http://localhost:8000";

export async function loadSettings() {
  const stored = await chrome.storage.local.get(["serverUrl", "token"]);
  return { serverUrl: stored.serverUrl || DEFAULT_SERVER_URL, token: stored.token || "" };
}

export async function storeSettings({ serverUrl, token }) {
  await chrome.storage.local.set({ serverUrl: normalizeServerUrl(serverUrl), token: token.trim() });
}

// Accepts what people paste ("localhost:8000", "https://coach.example.com/") and returns a bare origin
// plus any path prefix, without the trailing slash, so "/api/..." can be appended.
export function normalizeServerUrl(raw) {
  const text = (raw || "").trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url;
  try {
    url = new URL(withScheme);
  } catch (_invalid) {
    throw new Error(`"${text}" is not a server address. Example: http://localhost:8000`);
  }
  if (!["http:", "https:"].includes(url.protocol)) {
    throw new Error("The server address must start with http:// or https://");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
