// The dashboard: practice stats, score trend, recent sessions, skills, weekly goals and the jobs list.

import { api } from "../api.js";
import { lineChart } from "../charts.js";
import { byId, fill, h, showError } from "../dom.js";
import { date, jobName, score, scoreClass, sentence, sessionHref, sessionState, shortDate } from "../format.js";
import { startPage } from "../nav.js";

function showStats(stats) {
  byId("stat-sessions").textContent = stats.sessions;
  byId("stat-minutes").textContent = stats.practice_minutes;
  byId("stat-streak").textContent = stats.streak_days;
  const latest = stats.score_trend.at(-1);
  byId("stat-latest").textContent = score(latest?.score);
  const points = stats.score_trend.map((p) => ({ label: shortDate(p.at), value: p.score }));
  fill(byId("score-trend"), points.length ? [lineChart(points, { label: "Overall score by session" })] : [],
    "Finish a practice session to start your trend.");
}

function sessionRow(session, jobs) {
  const job = jobs.get(session.job_target_id);
  return h("li", { class: "row-item" },
    h("a", { href: sessionHref(session) }, job ? jobName(job) : "General practice"),
    h("span", { class: "muted" }, `${date(session.created_at)} · ${session.mode} · ${sessionState(session.state)}`),
    h("span", { class: scoreClass(session.score) }, score(session.score)));
}

function skillList(title, items, kind) {
  return h("div", { class: `skill-group ${kind}` },
    h("h3", {}, title),
    items.length ? h("ul", { class: "chips" }, items.map((s) => h("li", {}, sentence(s.replace("competency:", "")))))
      : h("p", { class: "empty" }, "Nothing yet."));
}

function showSkills(skills) {
  fill(byId("skills"), [
    skillList("Improving", skills.improving, "improving"),
    skillList("Strengths", skills.strengths, "strengths"),
    skillList("Areas to improve", skills.areas_to_improve, "weak"),
  ]);
}

function goalRow(goal) {
  const pct = Math.min(100, Math.round((goal.done / goal.target) * 100));
  return h("li", {},
    h("div", { class: "goal-head" }, h("span", {}, goal.goal), h("span", { class: "muted" }, `${goal.done} of ${goal.target}`)),
    h("div", { class: "meter", role: "progressbar", "aria-valuenow": goal.done, "aria-valuemin": 0,
      "aria-valuemax": goal.target, "aria-label": goal.goal }, h("span", { style: `width: ${pct}%` })));
}

function jobRow(job) {
  return h("li", { class: "row-item" },
    h("a", { href: `/jobs/${job.id}` }, jobName(job)),
    h("span", { class: "muted" }, job.location || job.jd_parsed?.seniority || ""),
    h("span", { class: `badge status-${job.status}` }, sentence(job.status)));
}

async function load() {
  const [data, jobList] = await Promise.all([api("/api/dashboard"), api("/api/jobs?limit=100")]);
  const jobs = new Map(jobList.items.map((j) => [j.id, j]));
  showStats(data.stats);
  fill(byId("recent-sessions"), data.recent_sessions.map((s) => sessionRow(s, jobs)), "No sessions yet.");
  showSkills(data.skills);
  fill(byId("weekly-goals"), data.weekly_goals.map(goalRow));
  fill(byId("jobs"), jobList.items.map(jobRow), "No saved jobs yet: add one to get a job-aware interview.");
}

const user = await startPage().catch(showError);
if (user) {
  byId("greeting").textContent = `Welcome back${user.full_name ? `, ${user.full_name.split(" ")[0]}` : ""}`;
  await load().catch(showError);
}
