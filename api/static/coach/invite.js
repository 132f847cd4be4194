// Accepting a coach invite: the link carries the one-time token; the signed-in account must be the invited one.

import { api } from "../js/api.js";
import { byId, showError, clearError } from "../js/dom.js";
import { pageData, startPage } from "../js/nav.js";

async function accept(token) {
  clearError();
  const button = byId("accept");
  button.disabled = true;
  try {
    const grant = await api(`/api/coaches/invites/${encodeURIComponent(token)}/accept`, { method: "POST" });
    const what = grant.scope === "job" ? `their sessions for ${grant.job_title ?? "one job"}` : "all their sessions";
    const done = byId("accepted");
    done.replaceChildren(`You now coach ${grant.candidate_name}: you can see ${what}. `,
      Object.assign(document.createElement("a"), { href: "/coach", textContent: "Go to your coaching dashboard" }));
    done.hidden = false;
    button.hidden = true;
  } catch (error) {
    showError(error);
    button.disabled = false;
  }
}

async function load() {
  if (!(await startPage())) return;
  const token = pageData("inviteToken");
  byId("accept").addEventListener("click", () => accept(token));
}

load().catch(showError);
