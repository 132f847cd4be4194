// Small inline SVG charts: no library, scalable through viewBox, each labelled for screen readers.

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

function frame(width, height, label) {
  // Never drawn larger than designed: scaled-up SVG text would dwarf the page's own text.
  return svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "svg-chart",
    style: `max-width: ${width}px` });
}

/** A 0-100 line chart of [{label, value}] points, oldest first. */
export function lineChart(points, { label = "Trend", height = 160, width = 420 } = {}) {
  const values = points.map((p) => p.value);
  const chart = frame(width, height, `${label}: ${values.map(Math.round).join(", ") || "no data"}`);
  const pad = { left: 30, right: 12, top: 12, bottom: 24 };
  const x = (i) => pad.left + (points.length < 2 ? (width - pad.left - pad.right) / 2
    : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v) => pad.top + ((100 - v) * (height - pad.top - pad.bottom)) / 100;
  for (const tick of [0, 50, 100]) {
    chart.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), class: "grid-line" }));
    chart.append(svg("text", { x: pad.left - 6, y: y(tick) + 4, class: "axis-label", "text-anchor": "end" }, tick));
  }
  const path = points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ");
  if (points.length > 1) chart.append(svg("polyline", { points: path, class: "series" }));
  points.forEach((p, i) => chart.append(dot(x(i), y(p.value), p)));
  labelEnds(chart, points, x, height);
  return chart;
}

function dot(cx, cy, point) {
  return svg("circle", { cx, cy, r: 4, class: "series-dot" }, svg("title", {}, `${point.label}: ${Math.round(point.value)}`));
}

function labelEnds(chart, points, x, height) {
  if (!points.length) return;
  const ends = points.length > 1 ? [0, points.length - 1] : [0];
  for (const i of ends) {
    const anchor = points.length > 1 ? (i === 0 ? "start" : "end") : "middle";
    chart.append(svg("text", { x: x(i), y: height - 6, class: "axis-label", "text-anchor": anchor }, points[i].label));
  }
}

/** Horizontal 0-100 bars for [{label, value}], one row per item. */
export function barChart(items, { label = "Scores", width = 420 } = {}) {
  const row = 30;
  const labelWidth = 150;
  const height = Math.max(row, items.length * row);
  const summary = items.map((i) => `${i.label} ${Math.round(i.value)}`).join(", ");
  const chart = frame(width, height, `${label}: ${summary || "no data"}`);
  const span = width - labelWidth - 40;
  items.forEach((item, i) => {
    const y = i * row;
    const grade = item.value >= 75 ? "good" : item.value >= 55 ? "fair" : "weak";
    chart.append(svg("text", { x: 0, y: y + 19, class: "bar-label" }, truncate(item.label, 22)));
    chart.append(svg("rect", { x: labelWidth, y: y + 6, width: span, height: 16, rx: 4, class: "bar-track" }));
    chart.append(svg("rect", { x: labelWidth, y: y + 6, width: Math.max(2, (span * item.value) / 100), height: 16, rx: 4,
      class: `bar ${grade}` }, svg("title", {}, `${item.label}: ${Math.round(item.value)}`)));
    chart.append(svg("text", { x: width - 4, y: y + 19, class: "bar-value", "text-anchor": "end" }, Math.round(item.value)));
  });
  return chart;
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A half-circle gauge for one 0-100 value with the number in the middle. */
export function gauge(value, { label = "Score", caption = "" } = {}) {
  const chart = frame(200, 120, `${label}: ${Math.round(value)} out of 100`);
  const r = 80;
  const arc = (v) => {
    const angle = Math.PI * (1 - v / 100);
    return `M 20 100 A ${r} ${r} 0 0 1 ${100 + r * Math.cos(angle)} ${100 - r * Math.sin(angle)}`;
  };
  const grade = value >= 75 ? "good" : value >= 55 ? "fair" : "weak";
  chart.append(svg("path", { d: arc(100), class: "gauge-track" }));
  if (value > 0) chart.append(svg("path", { d: arc(Math.min(100, value)), class: `gauge-value ${grade}` }));
  chart.append(svg("text", { x: 100, y: 92, class: "gauge-number", "text-anchor": "middle" }, Math.round(value)));
  if (caption) chart.append(svg("text", { x: 100, y: 115, class: "axis-label", "text-anchor": "middle" }, caption));
  return chart;
}
