// The parsed job description as the candidate reads it: level, must-haves vs nice-to-haves, skills, risks.

import { h } from "./dom.js";
import { sentence } from "./format.js";

function requirementList(title, requirements, kind) {
  return h("div", { class: `requirements ${kind}` },
    h("h3", {}, `${title} (${requirements.length})`),
    requirements.length
      ? h("ul", {}, requirements.map((r) => h("li", {}, r.text,
        r.skills?.length ? h("span", { class: "muted" }, ` · ${r.skills.join(", ")}`) : null)))
      : h("p", { class: "empty" }, "None listed."));
}

function chipGroup(title, items) {
  if (!items?.length) return null;
  return h("div", { class: "chip-group" }, h("h4", {}, title), h("ul", { class: "chips" }, items.map((s) => h("li", {}, s))));
}

function facts(parsed) {
  const salary = parsed.salary;
  const pay = salary?.min ? `${salary.currency ?? ""} ${Math.round(salary.min / 1000)}k–${Math.round((salary.max ?? salary.min) / 1000)}k`.trim() : null;
  const items = [
    ["Seniority", parsed.seniority && sentence(parsed.seniority)],
    ["Role family", parsed.role_family && sentence(parsed.role_family)],
    ["Experience", parsed.years_experience ? `${parsed.years_experience}+ years` : null],
    ["Work mode", parsed.remote && sentence(parsed.remote)],
    ["Pay", pay],
  ].filter(([, value]) => value);
  return h("dl", { class: "facts" }, items.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value))));
}

function risks(parsed) {
  const list = parsed.risks ?? [];
  return h("div", { class: "risks" },
    h("h3", {}, "Risks to prepare for"),
    list.length
      ? h("ul", {}, list.map((r) => h("li", {}, h("strong", {}, r.requirement), h("div", { class: "muted" }, r.reason))))
      : h("p", { class: "empty" }, "No gaps found against your resume (or no resume uploaded yet)."));
}

export function jdSummary(parsed) {
  const req = parsed.requirements ?? { must_have: [], nice_to_have: [] };
  return h("div", { class: "jd-summary" },
    facts(parsed),
    h("div", { class: "grid two" },
      requirementList("Must-haves", req.must_have, "must"),
      requirementList("Nice-to-haves", req.nice_to_have, "nice")),
    h("div", { class: "skills-row" },
      chipGroup("Skills", parsed.hard_skills), chipGroup("Tools", parsed.tools),
      chipGroup("Soft skills", parsed.soft_skills), chipGroup("Domain", parsed.domain)),
    risks(parsed));
}
