// The toolbar popup: one button that saves the job in the current tab.
// popup.html?tab=<id> targets that tab instead of the active one, so the page can also be opened
// in a tab of its own (keyboard users, automated tests) without saving itself.

const button = document.getElementById("save");
const status = document.getElementById("status");
const jobLine = document.getElementById("job");

const LABELS = { created: "Saved", updated: "Updated" };

async function targetTabId() {
  const fromQuery = new URLSearchParams(location.search).get("tab");
  if (fromQuery) return Number(fromQuery);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function show(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function describe(reply) {
  const parts = [reply.role_title, reply.company_name].filter(Boolean);
  return parts.join(" at ");
}

async function save() {
  button.disabled = true;
  show("working", "Saving…");
  jobLine.textContent = "";
  try {
    const reply = await chrome.runtime.sendMessage({ type: "save-job", tabId: await targetTabId() });
    if (!reply?.ok) return show("error", reply?.error || "Saving failed.");
    show(reply.outcome === "updated" ? "updated" : "saved", LABELS[reply.outcome] || LABELS.created);
    jobLine.textContent = describe(reply);
  } catch (error) {
    show("error", error.message);
  } finally {
    button.disabled = false;
  }
}

button.addEventListener("click", save);
document.getElementById("open-options").addEventListener("click", (event) => {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
});
