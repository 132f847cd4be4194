// Wording and number formats shared by the pages.

const DATE = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });

export function date(iso) {
  return iso ? DATE.format(new Date(iso)) : "";
}

export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : "";
}

export function shortDate(iso) {
  return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short" });
}

export function score(value) {
  return value === null || value === undefined ? "–" : String(Math.round(value));
}

const INTERVIEW_TYPES = {
  behavioral: "Behavioural",
  hr_screen: "HR screen",
  technical_verbal: "Technical (verbal)",
  case: "Case",
  coding: "Coding",
};

export function interviewType(type) {
  return `${INTERVIEW_TYPES[type] ?? sentence(type)} interview`;
}

export function sentence(text) {
  const s = String(text ?? "").replaceAll("_", " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function jobName(job) {
  const title = job.role_title || job.jd_parsed?.title || "Untitled role";
  const company = job.company_name || job.jd_parsed?.company;
  return company ? `${title} · ${company}` : title;
}

const STATE_WORDS = {
  created: "Not started",
  live: "In progress",
  transcript: "Ended",
  analysis: "Analysing",
  results: "Analysed",
  abandoned: "Abandoned",
};

export function sessionState(state) {
  return STATE_WORDS[state] ?? sentence(state);
}

/** Where a session's link should go: results once it has ended, the practice page before that. */
export function sessionHref(session) {
  if (["created", "live"].includes(session.state)) {
    return session.mode === "voice" ? `/practice/${session.id}` : `/sessions/${session.id}/text`;
  }
  return `/sessions/${session.id}/results`;
}

export function scoreClass(value) {
  if (value === null || value === undefined) return "score";
  return value >= 75 ? "score good" : value >= 55 ? "score fair" : "score weak";
}
