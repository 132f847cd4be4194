// Live sockets for coaches and candidates: the access token rides in the query string (browsers cannot
// set headers on a WebSocket), and a dropped connection reconnects with a fresh token.

import { api } from "../js/api.js";

const STORE_KEY = "coach.tokens"; // where api.js keeps the signed-in tokens
const NOT_FOUND = 4404;
const UNAUTHORIZED = 4401;

export function accessToken() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY))?.access ?? "";
  } catch {
    return "";
  }
}

/** The current access token, refreshed first when it has expired (api.js refreshes on a 401). */
export async function freshToken() {
  await api("/api/auth/me");
  return accessToken();
}

function socketUrl(path, token) {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("token", token);
  return url;
}

/**
 * Open `path` and hand each JSON event to `onEvent` until the returned function is called.
 * `token` is a string or a function returning one (or a promise of one); only a function lets the socket
 * recover from an expired token. `onStatus(status, closeEvent)` hears "open" and "closed".
 */
export function openSocket(path, token, onEvent, { onStatus } = {}) {
  let socket = null;
  let stopped = false;
  let retries = 0;
  let timer = null;

  async function connect() {
    const value = typeof token === "function" ? await token() : token;
    if (stopped) return;
    socket = new WebSocket(socketUrl(path, value));
    socket.onopen = () => {
      retries = 0;
      onStatus?.("open");
    };
    socket.onmessage = (message) => onEvent(JSON.parse(message.data));
    socket.onclose = (event) => {
      onStatus?.("closed", event);
      if (stopped || !worthRetrying(event.code, token)) return;
      timer = setTimeout(() => connect().catch(() => onStatus?.("closed")), Math.min(10000, 500 * 2 ** retries++));
    };
  }

  connect().catch(() => onStatus?.("closed"));
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}

function worthRetrying(code, token) {
  if (code === NOT_FOUND) return false; // no access to this session: retrying cannot help
  return code !== UNAUTHORIZED || typeof token === "function";
}
