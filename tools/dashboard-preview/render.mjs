// Renders a preview of a Grafana dashboard: every panel's PromQL queried from a real Prometheus over a time range,
// drawn as SVG in the dashboard's grid, and screenshotted by headless Chromium. Not Grafana: only the time series
// panels of the dashboard, with their units, legends, stacking and thresholds.
//
//   node tools/dashboard-preview/render.mjs --prometheus http://127.0.0.1:9090 --end 2026-12-04T00:40:00Z \
//     --minutes 15 --out docs/screenshots/dashboard.png
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    dashboard: { type: "string", default: "ops/grafana/dashboards/gavel.json" },
    prometheus: { type: "string", default: "http://127.0.0.1:9090" },
    end: { type: "string" },
    minutes: { type: "string", default: "15" },
    step: { type: "string", default: "10" },
    "scrape-interval": { type: "string", default: "5" },
    width: { type: "string", default: "1600" },
    out: { type: "string", default: "dashboard.png" },
    html: { type: "string" },
    chromium: { type: "string", default: "chromium" },
  },
});

const WIDTH = Number(args.width);
const ROW_UNIT = 30; // Grafana's grid: 24 columns, 30 px per height unit, 8 px between panels
const GAP = 8;
const PALETTE = ["#73BF69", "#F2CC0C", "#8AB8FF", "#FF780A", "#F43B86", "#B877D9", "#5794F2", "#FADE2A"];
const LEGEND_WIDTH = 210; // px per legend entry at least
const CHAR_WIDTH = 6.2; // px of an 11 px character, about
const FONT = "Inter, Helvetica, Arial, sans-serif";

const dashboard = JSON.parse(readFileSync(args.dashboard, "utf8"));
if (!args.end) {
  throw new Error("--end is required (an ISO instant), so that a rendering can be repeated");
}
const end = Math.floor(Date.parse(args.end) / 1000);
if (Number.isNaN(end)) {
  throw new Error(`--end is not an ISO instant: ${args.end}`);
}
const step = Number(args.step);
const start = end - Number(args.minutes) * 60;
// As Grafana computes $__rate_interval: at least four scrapes, and at least one step and a scrape.
const scrape = Number(args["scrape-interval"]);
const rateInterval = `${Math.max(4 * scrape, step + scrape)}s`;

async function query(expr) {
  const url = new URL("/api/v1/query_range", args.prometheus);
  const promql = expr.replaceAll("$__rate_interval", rateInterval).replaceAll("$__interval", `${step}s`);
  url.search = new URLSearchParams({ query: promql, start, end, step }).toString();
  const response = await fetch(url);
  const body = await response.json();
  if (body.status !== "success") {
    throw new Error(`${body.error}: ${promql}`);
  }
  return body.data.result;
}

function legend(format, labels) {
  return format ? format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => labels[name] ?? "") : JSON.stringify(labels);
}

async function seriesOf(panel) {
  const series = [];
  for (const target of panel.targets ?? []) {
    for (const result of await query(target.expr)) {
      const points = new Map(result.values.map(([t, v]) => [t, Number(v)]));
      series.push({ name: legend(target.legendFormat, result.metric), points });
    }
  }
  series.sort((a, b) => a.name.localeCompare(b.name));
  if (panel.fieldConfig?.defaults?.custom?.stacking?.mode === "normal") {
    const below = new Map();
    for (const s of series) {
      for (const [t, v] of s.points) {
        if (Number.isFinite(v)) {
          const total = (below.get(t) ?? 0) + v;
          below.set(t, total);
          s.points.set(t, total);
        }
      }
    }
  }
  return series;
}

function format(unit, value) {
  const trim = (n) => Number(n.toPrecision(3)).toString();
  switch (unit) {
    case "s":
      return value === 0 ? "0" : value < 1 ? `${trim(value * 1000)} ms` : `${trim(value)} s`;
    case "reqps":
      return `${trim(value)}/s`;
    case "percentunit":
      return `${trim(value * 100)}%`;
    case "bytes":
      return value >= 2 ** 30 ? `${trim(value / 2 ** 30)} GiB` : `${trim(value / 2 ** 20)} MiB`;
    default:
      return value >= 1000 ? `${trim(value / 1000)} K` : trim(value);
  }
}

function niceMax(max) {
  if (max <= 0) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= max);
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function clock(seconds) {
  return new Date(seconds * 1000).toISOString().slice(11, 16);
}

function timeseries(panel, series, w, h) {
  const defaults = panel.fieldConfig?.defaults ?? {};
  const threshold = (defaults.thresholds?.steps ?? []).map((s) => s.value).find((v) => v !== null);
  const left = 64;
  const top = 30;
  const right = 12;
  const perRow = Math.max(1, Math.floor((w - 20) / LEGEND_WIDTH));
  const legendRows = Math.ceil(series.length / perRow);
  const entryWidth = (w - 20) / perRow;
  const legendChars = Math.floor((entryWidth - 26) / CHAR_WIDTH);
  const bottom = 22 + Math.max(1, legendRows) * 16;
  const plotW = w - left - right;
  const plotH = h - top - bottom;
  const values = series.flatMap((s) => [...s.points.values()].filter(Number.isFinite));
  const yMax = niceMax(Math.max(...values, threshold ?? 0, 0) * 1.05);
  const yMin = defaults.min ?? Math.min(0, ...values);
  const x = (t) => left + ((t - start) / (end - start)) * plotW;
  const y = (v) => top + plotH - ((v - yMin) / (yMax - yMin)) * plotH;
  const out = [`<text x="10" y="19" class="title">${escape(panel.title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const v = yMin + ((yMax - yMin) * i) / 4;
    out.push(
      `<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`,
      `<text x="${left - 6}" y="${y(v) + 4}" class="axis" text-anchor="end">${escape(format(defaults.unit, v))}</text>`,
    );
  }
  // Time ticks on whole minutes, as few as fit the panel.
  const every = [60, 120, 300, 600, 900, 1800, 3600].find((s) => ((end - start) / s) * 60 <= plotW) ?? 7200;
  for (let t = Math.ceil(start / every) * every; t <= end; t += every) {
    out.push(`<text x="${x(t)}" y="${top + plotH + 15}" class="axis" text-anchor="middle">${clock(t)}</text>`);
  }
  if (threshold !== undefined) {
    out.push(`<line x1="${left}" x2="${w - right}" y1="${y(threshold)}" y2="${y(threshold)}" class="threshold"/>`);
  }
  if (values.length === 0) {
    out.push(`<text x="${left + plotW / 2}" y="${top + plotH / 2}" class="nodata" text-anchor="middle">No data</text>`);
  }
  series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const segments = [];
    let segment = [];
    for (let t = start; t <= end; t += step) {
      const v = s.points.get(t);
      if (Number.isFinite(v)) {
        segment.push(`${x(t).toFixed(1)},${y(v).toFixed(1)}`);
      } else if (segment.length) {
        segments.push(segment);
        segment = [];
      }
    }
    if (segment.length) {
      segments.push(segment);
    }
    for (const points of segments) {
      out.push(`<polyline points="${points.join(" ")}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    }
    const lx = 10 + (i % perRow) * entryWidth;
    const ly = top + plotH + 34 + Math.floor(i / perRow) * 16;
    out.push(
      `<rect x="${lx}" y="${ly - 8}" width="14" height="4" fill="${color}"/>`,
      `<text x="${lx + 20}" y="${ly - 2}" class="legend">${escape(s.name.slice(0, legendChars))}</text>`,
    );
  });
  return out.join("\n");
}

const column = (WIDTH - GAP) / 24;
const panels = [];
for (const panel of dashboard.panels) {
  const g = panel.gridPos;
  const box = {
    x: g.x * column + GAP,
    y: g.y * (ROW_UNIT + GAP) + GAP + 40,
    w: g.w * column - GAP,
    h: g.h * (ROW_UNIT + GAP) - GAP,
  };
  if (panel.type === "row") {
    panels.push(
      `<g transform="translate(${box.x},${box.y})"><text y="20" class="row">${escape(panel.title)}</text></g>`,
    );
  } else if (panel.type === "timeseries") {
    const body = timeseries(panel, await seriesOf(panel), box.w, box.h);
    panels.push(
      `<g transform="translate(${box.x},${box.y})"><rect width="${box.w}" height="${box.h}" rx="3" ` +
        `class="panel"/>${body}</g>`,
    );
  } else {
    throw new Error(`panel type ${panel.type} is not previewed: ${panel.title}`);
  }
}
const height = Math.max(...dashboard.panels.map((p) => (p.gridPos.y + p.gridPos.h) * (ROW_UNIT + GAP))) + 48;
const range = `${new Date(start * 1000).toISOString().slice(0, 16)} to ${clock(end)} UTC`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="${FONT}">
<style>
.panel { fill: #181b1f; stroke: #2c3235; } .title { fill: #ccccdc; font-size: 13px; font-weight: 500; }
.row { fill: #ccccdc; font-size: 15px; font-weight: 500; } .axis { fill: #8e8e8e; font-size: 11px; }
.legend { fill: #ccccdc; font-size: 11px; } .grid { stroke: #2c3235; stroke-width: 1; }
.threshold { stroke: #F2495C; stroke-width: 1.5; stroke-dasharray: 6 4; } .nodata { fill: #8e8e8e; font-size: 14px; }
.header { fill: #ccccdc; font-size: 18px; } .sub { fill: #8e8e8e; font-size: 12px; }
</style>
<rect width="100%" height="100%" fill="#111217"/>
<text x="${GAP + 2}" y="28" class="header">${escape(dashboard.title)}</text>
<text x="${WIDTH - GAP - 2}" y="28" class="sub" text-anchor="end">${escape(range)}; preview of the dashboard's queries, not Grafana</text>
${panels.join("\n")}
</svg>`;

const html =
  `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#111217}</style></head>` +
  `<body>${svg}</body></html>`;
const dir = mkdtempSync(join(tmpdir(), "dashboard-preview-"));
try {
  const page = args.html ?? join(dir, "dashboard.html");
  writeFileSync(page, html);
  execFileSync(
    args.chromium,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--hide-scrollbars",
      `--user-data-dir=${join(dir, "profile")}`,
      `--window-size=${WIDTH},${height}`,
      `--screenshot=${args.out}`,
      `file://${page}`,
    ],
    { stdio: "pipe" },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Wrote ${args.out} (${WIDTH}x${height})`);
