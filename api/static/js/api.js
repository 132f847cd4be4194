// The JSON API client every page shares: bearer tokens in localStorage, one silent refresh on 401.

const STORE_KEY = "coach.tokens";
let refreshing = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function saveTokens(pair) {
  localStorage.setItem(STORE_KEY, JSON.stringify({ access: pair.access_token, refresh: pair.refresh_token }));
}

export function clearTokens() {
  localStorage.removeItem(STORE_KEY);
}

function tokens() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY)) ?? null;
  } catch {
    return null;
  }
}

export function signedIn() {
  return Boolean(tokens()?.access);
}

export function goToLogin() {
  const here = location.pathname + location.search;
  location.assign(`/login?next=${encodeURIComponent(here)}`);
}

/** Send a signed-out visitor to the sign-in page; returns false when the page should stop. */
export function requireSignIn() {
  if (signedIn()) return true;
  goToLogin();
  return false;
}

function send(path, { method = "GET", body, auth = true } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (auth && tokens()?.access) headers.Authorization = `Bearer ${tokens().access}`;
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

// Refresh tokens rotate on use, so parallel 401s must share one refresh instead of racing to spend it.
function refreshOnce() {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh() {
  const refresh = tokens()?.refresh;
  if (!refresh) return false;
  const res = await send("/api/auth/refresh", { method: "POST", body: { refresh_token: refresh }, auth: false });
  if (!res.ok) return false;
  saveTokens(await res.json());
  return true;
}

async function errorOf(res) {
  let detail = res.statusText || `HTTP ${res.status}`;
  try {
    const data = await res.json();
    detail = describe(data.detail) ?? detail;
  } catch {
    // A body that is not JSON keeps the status text.
  }
  return new ApiError(res.status, detail);
}

function describe(detail) {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((d) => `${(d.loc ?? []).filter((p) => p !== "body").join(".")}: ${d.msg}`).join("; ");
  }
  return null;
}

/** Call the API; resolves to the parsed JSON (null for 204) or throws ApiError. */
export async function api(path, options = {}) {
  let res = await send(path, options);
  if (res.status === 401 && options.auth !== false) {
    if (await refreshOnce()) res = await send(path, options);
    if (res.status === 401) {
      clearTokens();
      goToLogin();
      throw new ApiError(401, "Please sign in again.");
    }
  }
  if (!res.ok) throw await errorOf(res);
  return res.status === 204 ? null : res.json();
}
