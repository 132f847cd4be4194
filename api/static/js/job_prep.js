// A job's interview loop: stages, contacts, and questions generated from its JD.

import { api } from "./api.js";
import { busy, byId, clearError, fill, formReady, formValues, h, showError } from "./dom.js";
import { dateTime } from "./format.js";

function stageRow(stage) {
  return h("li", { class: "row-item" },
    h("span", { class: "strong" }, stage.stage_name),
    h("span", { class: "muted" }, dateTime(stage.date)),
    h("span", { class: "badge" }, stage.status));
}

function contactRow(contact) {
  const email = contact.email ? h("a", { href: `mailto:${contact.email}` }, contact.email) : null;
  return h("li", { class: "row-item" },
    h("span", { class: "strong" }, contact.name),
    h("span", { class: "muted" }, contact.title ?? ""),
    email);
}

async function loadInterviews(base) {
  const data = await api(`${base}/interviews`);
  fill(byId("stages"), data.stages.map(stageRow), "No stages yet.");
  fill(byId("contacts"), data.contacts.map(contactRow), "No contacts yet.");
}

function questionList(title, questions) {
  return h("div", {}, h("h3", {}, title), h("ol", { class: "questions" }, questions.map((q) => h("li", {}, q))));
}

async function generateQuestions(base) {
  const data = await api(`${base}/interviews/generate-questions`, { method: "POST" });
  byId("questions").replaceChildren(
    questionList("Behavioural", data.behavioral_questions),
    questionList("Technical", data.technical_questions));
}

function onSubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    const done = await busy(form.querySelector("button[type=submit]"), () => action(formValues(form)));
    if (done !== undefined) form.reset();
  });
  formReady(form);
}

export function wireInterviewPrep(base) {
  onSubmit(byId("add-stage"), async (values) => {
    // datetime-local has no zone; the browser's own zone is what the candidate meant.
    const body = { ...values, date: new Date(values.date).toISOString() };
    await api(`${base}/interviews`, { method: "POST", body });
    await loadInterviews(base);
    return true;
  });
  onSubmit(byId("add-contact"), async (values) => {
    await api(`${base}/interviews/contacts`, { method: "POST", body: values });
    await loadInterviews(base);
    return true;
  });
  const button = byId("generate-questions");
  button.addEventListener("click", () => busy(button, () => generateQuestions(base)));
  loadInterviews(base).catch(showError);
}
