// Options page: server URL and extension token, stored in chrome.storage.local.

import { loadSettings, normalizeServerUrl, storeSettings } from "./lib/settings.js";
import { requestServerAccess } from "./lib/access.js";

const form = document.getElementById("settings");
const serverInput = document.getElementById("server-url");
const tokenInput = document.getElementById("token");
const testButton = document.getElementById("test");
const status = document.getElementById("status");

function show(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

async function fill() {
  const settings = await loadSettings();
  serverInput.value = settings.serverUrl;
  tokenInput.value = settings.token;
  document.getElementById("origin").textContent = location.origin;
}

async function save(event) {
  event.preventDefault();
  let serverUrl;
  try {
    serverUrl = normalizeServerUrl(serverInput.value);
  } catch (error) {
    return show("error", error.message);
  }
  // Asked first, while the click still counts as a user gesture.
  const granted = await requestServerAccess(serverUrl).catch(() => false);
  await storeSettings({ serverUrl, token: tokenInput.value });
  serverInput.value = serverUrl;
  show("ok", granted ? "Settings saved." : "Settings saved, without access to the server: it must allow this extension in CORS_ORIGINS.");
}

async function testConnection() {
  testButton.disabled = true;
  show("working", "Testing…");
  try {
    const reply = await chrome.runtime.sendMessage({
      type: "test-connection", serverUrl: serverInput.value, token: tokenInput.value,
    });
    show(reply?.ok ? "ok" : "error", reply?.ok ? reply.message : reply?.error || "No answer from the extension.");
  } finally {
    testButton.disabled = false;
  }
}

form.addEventListener("submit", save);
testButton.addEventListener("click", testConnection);
fill();
