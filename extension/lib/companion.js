// Talking to the Interview Coach companion: saving a job and checking the connection.

const TIMEOUT_MS = 15000;

export class CompanionError extends Error {}

async function send(serverUrl, token, body) {
  let response;
  try {
    response = await fetch(`${serverUrl}/api/jobs/save`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new CompanionError(`Could not reach Interview Coach at ${serverUrl} (${error.message}). Is the server running?`);
  }
  return { status: response.status, body: await readJson(response) };
}

async function readJson(response) {
  try {
    return await response.json();
  } catch (_notJson) {
    return {};
  }
}

// The companion's own message ("detail") is what the user needs to see; a status line only when it sent none.
export function failureMessage(status, body) {
  const detail = typeof body?.detail === "string" ? body.detail : "";
  if (status === 401) {
    return `${detail || "Unauthorized."} Create a new extension token in Interview Coach and paste it in Options.`;
  }
  return detail || `The server answered ${status}.`;
}

export async function saveJob({ serverUrl, token }, job) {
  const { status, body } = await send(serverUrl, token, job);
  if (status === 200 || status === 201) {
    return { outcome: body.outcome === "updated" ? "updated" : "created", job: body };
  }
  throw new CompanionError(failureMessage(status, body));
}

// The extension token can only save jobs, so the check posts an empty job: the companion checks the
// token before the body, answering 401 for a bad token and 422 (nothing saved) for a good one.
export async function checkConnection({ serverUrl, token }) {
  const { status, body } = await send(serverUrl, token, {});
  if (status === 422) return "Connected: the server accepted this token.";
  if (status === 401) throw new CompanionError(failureMessage(status, body));
  throw new CompanionError(`Unexpected answer from ${serverUrl}: ${failureMessage(status, body)}`);
}
