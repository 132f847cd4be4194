// Service worker: reads the job from a tab and saves it to the companion.
// The popup and the options page only send messages here; the fetch happens in this worker because
// its host access to the companion lets it skip CORS (see lib/access.js for the permission choice).

import { loadSettings, normalizeServerUrl } from "./lib/settings.js";
import { checkConnection, saveJob } from "./lib/companion.js";

const EXTRACTOR = "content/extract.js";

async function extractFromTab(tabId) {
  let injection;
  try {
    [injection] = await chrome.scripting.executeScript({ target: { tabId }, files: [EXTRACTOR] });
  } catch (error) {
    throw new Error(`This page can't be read (${error.message}). Open the job posting itself and try again.`);
  }
  if (!injection?.result) throw new Error("No job posting was found on this page.");
  return injection.result;
}

async function saveFromTab({ tabId }) {
  const settings = await loadSettings();
  if (!settings.token) throw new Error("Add your extension token in Options first.");
  const job = await extractFromTab(tabId);
  const saved = await saveJob(settings, job);
  return { outcome: saved.outcome, role_title: saved.job.role_title, company_name: saved.job.company_name };
}

async function testConnection({ serverUrl, token }) {
  if (!token) throw new Error("Paste your extension token first.");
  return { message: await checkConnection({ serverUrl: normalizeServerUrl(serverUrl), token: token.trim() }) };
}

const HANDLERS = { "save-job": saveFromTab, "test-connection": testConnection };

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  const handler = HANDLERS[message?.type];
  if (!handler) return false;
  handler(message).then(
    (result) => sendResponse({ ok: true, ...result }),
    (error) => sendResponse({ ok: false, error: error.message || String(error) }),
  );
  return true; // the reply is sent asynchronously
});
