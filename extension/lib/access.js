// Host access for the companion server.
//
// The POST to the companion is made by the service worker, not by the popup or a content script.
// With host access to the server, Chrome lets the service worker fetch it cross-origin without CORS,
// so the companion does not need this extension's id in CORS_ORIGINS. A local companion
// (localhost / 127.0.0.1, any port) is declared in host_permissions, so it works straight after
// install. Any other server is an optional host permission requested for that one origin when it
// is saved in Options; if the user declines, saving still works when the server lists
// chrome-extension://<this id> in CORS_ORIGINS.

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

export function originPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

export function isDeclared(serverUrl) {
  const url = new URL(serverUrl);
  return url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
}

// Must run inside the click handler: Chrome only shows the permission prompt for a user gesture.
export async function requestServerAccess(serverUrl) {
  if (isDeclared(serverUrl)) return true;
  return chrome.permissions.request({ origins: [originPattern(serverUrl)] });
}
