// The coach's dashboard: every session the coach's grants cover, live ones first.

import { api } from "../js/api.js";
import { byId, fill, h, showError } from "../js/dom.js";
import { dateTime, sentence } from "../js/format.js";
import { medium } from "./labels.js";
import { startPage } from "../js/nav.js";

function sessionRow(session) {
  const live = session.state === "live";
  return h("li", { class: "row-item" },
    h("a", { href: session.links.page }, `${session.candidate_name} · ${session.job_title ?? "General practice"}`),
    h("span", { class: "muted" }, `${dateTime(session.created_at)} · ${medium(session)}`),
    h("span", { class: `badge ${live ? "state-speaking" : ""}` }, live ? "Live now" : sentence(session.state)));
}

async function load() {
  if (!(await startPage())) return;
  const sessions = await api("/api/coaching/sessions?limit=100");
  const live = sessions.filter((s) => s.state === "live");
  byId("live-card").hidden = live.length === 0;
  fill(byId("live-sessions"), live.map(sessionRow));
  const list = fill(byId("coached-sessions"), sessions.map(sessionRow),
    "No shared sessions yet. When a candidate invites you and you accept, their sessions appear here.");
  list.setAttribute("aria-busy", "false");
}

load().catch(showError);
