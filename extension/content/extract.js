// Reads the job posting on the current page and returns the fields /api/jobs/save takes.
// Injected with chrome.scripting.executeScript({files}); Chrome hands back the value of the
// script's last expression (the IIFE below), so everything it returns must be JSON-safe.
// Site adapters come first; JSON-LD JobPosting data and page heuristics fill what they miss.
(() => {
  // The companion rejects longer titles, companies and locations; clipping keeps a save working.
  const FIELD_LIMIT = 200;
  const FIELDS = ["role_title", "company_name", "location", "jd_text"];

  const ADAPTERS = [
    {
      source: "linkedin",
      host: /(^|\.)linkedin\.com$/,
      role_title: [
        ".job-details-jobs-unified-top-card__job-title",
        ".jobs-unified-top-card__job-title",
        ".top-card-layout__title",
        ".topcard__title",
      ],
      company_name: [
        ".job-details-jobs-unified-top-card__company-name",
        ".jobs-unified-top-card__company-name",
        ".topcard__org-name-link",
      ],
      location: [
        ".job-details-jobs-unified-top-card__primary-description-container",
        ".job-details-jobs-unified-top-card__bullet",
        ".jobs-unified-top-card__bullet",
        ".topcard__flavor--bullet",
      ],
      jd_text: [
        ".jobs-description__content .jobs-box__html-content",
        ".jobs-description__content",
        "#job-details",
        ".show-more-less-html__markup",
        ".description__text",
      ],
      // The top card reads "City · 2 days ago · 80 applicants"; only the first part is a place.
      tidy: { location: (text) => text.split("·")[0] },
      url: linkedinUrl,
    },
    {
      source: "indeed",
      host: /(^|\.)indeed\.[a-z.]+$/,
      role_title: ['[data-testid="jobsearch-JobInfoHeader-title"]', ".jobsearch-JobInfoHeader-title"],
      company_name: ['[data-testid="inlineHeader-companyName"]', '[data-company-name="true"]'],
      location: ['[data-testid="inlineHeader-companyLocation"]', '[data-testid="job-location"]'],
      jd_text: ["#jobDescriptionText", ".jobsearch-jobDescriptionText"],
      // Indeed appends a screen-reader-only " - job post" to the title.
      tidy: { role_title: (text) => text.replace(/\s*-\s*job post$/i, "") },
      url: indeedUrl,
    },
    {
      source: "naukri",
      host: /(^|\.)naukri\.com$/,
      // Naukri's class names carry a build hash (styles_jd-header-title__rZwM1), so match by prefix.
      role_title: ['h1[class*="jd-header-title"]', ".jd-header-title"],
      company_name: ['[class*="jd-header-comp-name"] > a', '[class*="jd-header-comp-name"]', ".jd-header-comp-name"],
      location: ['[class*="jhc__location"]', ".location"],
      jd_text: ['[class*="JDC__dang-inner-html"]', '[class*="job-desc-container"]', ".dang-inner-html", ".job-desc"],
    },
    {
      source: "greenhouse",
      host: /(^|\.)greenhouse\.io$/,
      role_title: ["#app_body .app-title", ".app-title", ".job__title h1", ".job__title"],
      company_name: ["#app_body .company-name", ".company-name"],
      location: ["#app_body .location", ".job__location", ".location"],
      jd_text: ["#app_body #content", ".job__description", "#content"],
      tidy: { company_name: (text) => text.replace(/^at\s+/i, "") },
      fallback: { company_name: (loc) => greenhouseCompany(loc) },
    },
    {
      source: "lever",
      host: /(^|\.)lever\.co$/,
      role_title: [".posting-headline h2"],
      company_name: [],
      location: [".posting-categories .location", ".posting-categories .sort-by-location"],
      // A Lever posting is a run of sections; all but the trailing apply button belong to the JD.
      jd_text: ['[data-qa="job-description"], [data-qa="job-description"] ~ .section:not(.last-section-apply)'],
      tidy: { location: (text) => text.replace(/\s*\/$/, "") },
      fallback: { company_name: (loc, doc) => leverCompany(loc, doc) },
    },
  ];

  // Other job boards are "other"; any remaining site is taken to be the employer's own careers page.
  const OTHER_BOARDS = /(^|\.)(glassdoor|monster|ziprecruiter|wellfound|workable|foundit|instahyre|simplyhired)\./;

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  function cleanBlock(text) {
    const lines = (text || "").replace(/\r/g, "").split("\n").map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim());
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  function textOf(el) {
    return el.innerText || el.textContent || "";
  }

  // Drops matches nested inside an earlier match so a section is never read twice.
  function outermost(nodes) {
    return nodes.filter((node) => !nodes.some((other) => other !== node && other.contains(node)));
  }

  function firstText(doc, selectors, block) {
    for (const selector of selectors) {
      const nodes = outermost([...doc.querySelectorAll(selector)]);
      const texts = nodes.map((node) => (block ? cleanBlock(textOf(node)) : clean(textOf(node)))).filter(Boolean);
      if (texts.length) return block ? texts.join("\n\n") : texts[0];
    }
    return "";
  }

  function readAdapter(adapter, doc, loc) {
    const found = {};
    for (const field of FIELDS) {
      let text = firstText(doc, adapter[field] || [], field === "jd_text");
      if (text && adapter.tidy?.[field]) text = clean(adapter.tidy[field](text));
      if (!text && adapter.fallback?.[field]) text = adapter.fallback[field](loc, doc);
      found[field] = text || "";
    }
    return found;
  }

  function boardSlug(loc) {
    const slug = loc.pathname.split("/").filter(Boolean)[0] || "";
    return titleCase(slug.replace(/[-_]+/g, " "));
  }

  // Embedded boards live at /embed/job_app?for=<company>; hosted ones at /<company>/jobs/<id>.
  function greenhouseCompany(loc) {
    const embedded = new URLSearchParams(loc.search).get("for");
    return embedded ? titleCase(embedded.replace(/[-_]+/g, " ")) : boardSlug(loc);
  }

  function leverCompany(loc, doc) {
    const logo = doc.querySelector(".main-header-logo img[alt]");
    const alt = clean(logo?.getAttribute("alt")).replace(/\s+logo$/i, "");
    if (alt) return alt;
    // Lever titles pages "Company - Role".
    const prefix = clean(doc.title.split(" - ")[0]);
    return prefix && doc.title.includes(" - ") ? prefix : boardSlug(loc);
  }

  function titleCase(text) {
    return clean(text).replace(/\b\w/g, (c) => c.toUpperCase());
  }

  function linkedinUrl(loc) {
    const id = new URLSearchParams(loc.search).get("currentJobId") || (loc.pathname.match(/\/jobs\/view\/(?:[^/]*-)?(\d+)/) || [])[1];
    return id ? `https://www.linkedin.com/jobs/view/${id}/` : pageUrl(loc);
  }

  function indeedUrl(loc) {
    const params = new URLSearchParams(loc.search);
    const key = params.get("jk") || params.get("vjk");
    return key ? `${loc.protocol}//${loc.host}/viewjob?jk=${encodeURIComponent(key)}` : pageUrl(loc);
  }

  // Click-tracking parameters boards and ATSs append; the posting is the same without them.
  const TRACKING = /^(utm_.*|gh_src|lever-source(\[\])?|lever-origin|trk|trackingid|refid)$/i;

  function pageUrl(loc) {
    const url = new URL(loc.href);
    url.hash = "";
    for (const key of [...url.searchParams.keys()]) {
      if (TRACKING.test(key)) url.searchParams.delete(key);
    }
    return url.href;
  }

  // ---- JSON-LD JobPosting (many careers sites and ATSs publish it for search engines) ----

  function ldItems(value) {
    if (Array.isArray(value)) return value.flatMap(ldItems);
    if (value && typeof value === "object") return [value, ...ldItems(value["@graph"] || [])];
    return [];
  }

  function isPosting(item) {
    const type = item["@type"];
    return Array.isArray(type) ? type.includes("JobPosting") : type === "JobPosting";
  }

  function findPosting(doc) {
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        const posting = ldItems(JSON.parse(script.textContent)).find(isPosting);
        if (posting) return posting;
      } catch (_malformed) {
        // Broken JSON-LD is common; the page heuristics still apply.
      }
    }
    return null;
  }

  // DOMParser documents are inert: no scripts run and no images load while the HTML is read.
  function htmlToText(html) {
    const body = new DOMParser().parseFromString(String(html || ""), "text/html").body;
    body.querySelectorAll("br").forEach((br) => br.replaceWith("\n"));
    body.querySelectorAll("li").forEach((li) => li.prepend("• "));
    body.querySelectorAll("p, li, div, h1, h2, h3, h4, h5, h6, ul, ol").forEach((el) => el.append("\n"));
    return cleanBlock(body.textContent);
  }

  function ldLocation(posting) {
    if (posting.jobLocationType === "TELECOMMUTE") return "Remote";
    const place = [].concat(posting.jobLocation || [])[0];
    const address = place?.address || {};
    const country = typeof address.addressCountry === "object" ? address.addressCountry.name : address.addressCountry;
    return [address.addressLocality, address.addressRegion, country].filter(Boolean).join(", ");
  }

  function readPosting(doc) {
    const posting = findPosting(doc);
    if (!posting) return {};
    const org = posting.hiringOrganization;
    return {
      role_title: clean(posting.title),
      company_name: clean(typeof org === "string" ? org : org?.name),
      location: clean(ldLocation(posting)),
      jd_text: htmlToText(posting.description),
    };
  }

  // ---- Page heuristics for sites without an adapter ----

  function meta(doc, property) {
    return clean(doc.querySelector(`meta[property="${property}"], meta[name="${property}"]`)?.content);
  }

  function pageTitle(doc) {
    const h1 = [...doc.querySelectorAll("h1")].find(isVisible);
    if (h1 && clean(textOf(h1))) return clean(textOf(h1));
    // "Senior Designer | Careers at Acme": the role comes first.
    return meta(doc, "og:title") || clean(doc.title.split(/\s[|–—-]\s/)[0]);
  }

  function domainCompany(loc) {
    const labels = loc.hostname.replace(/^(www|careers|jobs|apply)\./, "").split(".");
    return titleCase((labels.length > 1 ? labels[labels.length - 2] : labels[0]).replace(/-/g, " "));
  }

  function pageLocation(doc) {
    const candidates = doc.querySelectorAll('[itemprop="jobLocation"], [itemprop="addressLocality"], [class*="location" i], [data-testid*="location" i]');
    const el = [...candidates].find((node) => isVisible(node) && clean(textOf(node)).length < 100);
    return el ? clean(textOf(el)).replace(/^location:?\s*/i, "") : "";
  }

  function isVisible(el) {
    return el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  }

  const CHROME_PARTS = "nav, header, footer, aside, form, [role=navigation], [role=banner], [role=contentinfo]";

  // The JD is the deepest element that still holds most of the page's prose (paragraphs and list
  // items outside navigation, footers, sidebars and forms). Taking "most" rather than "the biggest
  // single block" keeps a JD that is split into several sections in one piece.
  const JD_SHARE = 0.6;

  function proseScores(doc) {
    const scores = new Map();
    let total = 0;
    for (const block of doc.body.querySelectorAll("p, li, pre")) {
      if (block.closest(CHROME_PARTS) || !isVisible(block)) continue;
      const length = clean(textOf(block)).length;
      total += length;
      for (let el = block.parentElement; el && el !== doc.body; el = el.parentElement) {
        scores.set(el, (scores.get(el) || 0) + length);
      }
    }
    return { scores, total };
  }

  function largestTextBlock(doc) {
    const { scores, total } = proseScores(doc);
    let best = null;
    for (const [el, score] of scores) {
      if (score < JD_SHARE * total) continue;
      // Elements above the threshold are nested in one another; the innermost has the least noise.
      if (!best || score < best.score || (score === best.score && best.el.contains(el))) best = { el, score };
    }
    return best ? cleanBlock(textOf(best.el)) : "";
  }

  function readPage(doc, loc, isBoard) {
    return {
      role_title: () => pageTitle(doc),
      // On a job board the site's own name is not the employer, so only careers pages use it.
      company_name: () => (isBoard ? "" : meta(doc, "og:site_name") || domainCompany(loc)),
      location: () => pageLocation(doc),
      jd_text: () => largestTextBlock(doc),
    };
  }

  function sourceFor(adapter, hostname) {
    if (adapter) return adapter.source;
    return OTHER_BOARDS.test(hostname) ? "other" : "company";
  }

  function clip(field, text) {
    return field === "jd_text" ? text : text.slice(0, FIELD_LIMIT);
  }

  function extractJob(doc, loc) {
    const adapter = ADAPTERS.find((candidate) => candidate.host.test(loc.hostname));
    const fromSite = adapter ? readAdapter(adapter, doc, loc) : {};
    const fromPosting = readPosting(doc);
    const fromPage = readPage(doc, loc, Boolean(adapter) || OTHER_BOARDS.test(loc.hostname));
    const job = {
      source: sourceFor(adapter, loc.hostname),
      job_url: adapter?.url ? adapter.url(loc) : pageUrl(loc),
    };
    for (const field of FIELDS) {
      const text = fromSite[field] || fromPosting[field] || fromPage[field]();
      job[field] = text ? clip(field, text) : null;
    }
    return job;
  }

  return extractJob(document, location);
})();
