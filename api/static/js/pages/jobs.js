// Saved jobs: filter by status, search, add one by pasting a JD or a link, move it through the pipeline.

import { api } from "../api.js";
import { busy, byId, clearError, fill, formReady, formValues, h, showError } from "../dom.js";
import { date, jobName, sentence } from "../format.js";
import { pageData, startPage } from "../nav.js";

const transitions = JSON.parse(pageData("transitions"));
let searchTimer = null;

function statusSelect(job) {
  const options = [job.status, ...transitions[job.status]];
  const select = h("select", { "aria-label": `Status of ${jobName(job)}` },
    options.map((s) => h("option", { value: s, selected: s === job.status }, sentence(s))));
  select.addEventListener("change", () => changeStatus(job, select));
  return select;
}

async function changeStatus(job, select) {
  clearError();
  const updated = await busy(select, () =>
    api(`/api/jobs/${job.id}/status`, { method: "PATCH", body: { status: select.value } }));
  if (updated) await loadJobs();
  else select.value = job.status;
}

function jobRow(job) {
  const parsed = job.jd_parsed ?? {};
  const skills = [...(parsed.hard_skills ?? []), ...(parsed.tools ?? [])].slice(0, 5);
  return h("li", { class: "row-item job-row" },
    h("div", { class: "grow" },
      h("a", { href: `/jobs/${job.id}`, class: "strong" }, jobName(job)),
      h("div", { class: "muted" }, [parsed.seniority, job.location, `saved ${date(job.created_at)}`].filter(Boolean).join(" · ")),
      skills.length ? h("ul", { class: "chips small" }, skills.map((s) => h("li", {}, s))) : null),
    statusSelect(job));
}

async function loadJobs() {
  const params = new URLSearchParams({ limit: "100", ...formValues(byId("filters")) });
  const list = await api(`/api/jobs?${params}`);
  byId("job-count").textContent = `${list.total} job${list.total === 1 ? "" : "s"}`;
  fill(byId("job-list"), list.items.map(jobRow), "No jobs match. Paste a job description to add one.");
}

async function addJob(event) {
  event.preventDefault();
  clearError();
  const form = event.currentTarget;
  const body = formValues(form);
  if (!body.jd_text && !body.job_url) {
    showError(new Error("Paste a job description or a link to the posting."));
    return;
  }
  const job = await busy(form.querySelector("button[type=submit]"), () => api("/api/jobs", { method: "POST", body }));
  if (!job) return;
  form.reset();
  byId("add-status").replaceChildren(`${job.outcome === "updated" ? "Updated" : "Saved"} `,
    h("a", { href: `/jobs/${job.id}` }, jobName(job)), ".");
  await loadJobs();
}

function onFilter() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadJobs().catch(showError), 250);
}

if (await startPage().catch(showError)) {
  byId("add-job").addEventListener("submit", addJob);
  formReady(byId("add-job"));
  byId("filters").addEventListener("input", onFilter);
  byId("filters").addEventListener("submit", (e) => e.preventDefault());
  await loadJobs().catch(showError);
}
