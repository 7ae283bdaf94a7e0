// llmcatalog: the tree of the whole field. Every model card is a box in a row for its release
// month (oldest at the top); ELK's layered layout orders each row so lineage edges cross as
// little as it can, which keeps each family's branch together. Boxes are SVG links to the
// cards; names are text nodes, never markup. Zoom and pan come from llmcatalog-zoom.js.
import { zoomable } from "./llmcatalog-zoom.js";

const SVG = "http://www.w3.org/2000/svg";
const FONT = 12; // label size in px at 100 %
const GUTTER = 56; // room for the year labels on the left

const el = (name, attrs = {}, parent = null) => {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
};

// Rows: one per release month that has a model; a model made from another released the same
// month goes in a half-row below its parent, so every edge points down.
const rows = (data) => {
  const months = [...new Set(data.nodes.map((n) => n.month))].sort((a, b) => a - b);
  const rank = new Map(months.map((m, i) => [m, 2 * i]));
  const row = data.nodes.map((n) => rank.get(n.month));
  for (let pass = 0, moved = true; moved && pass < data.nodes.length; pass++) {
    moved = false;
    for (const e of data.edges) {
      if (row[e.to] <= row[e.from]) {
        row[e.to] = row[e.from] + 1;
        moved = true;
      }
    }
  }
  return row;
};

const textWidth = (() => {
  const ctx = document.createElement("canvas").getContext("2d");
  const family = getComputedStyle(document.body).fontFamily || "sans-serif";
  ctx.font = `${FONT}px ${family}`;
  return (text) => ctx.measureText(text).width;
})();

// ELK comes as a deferred script before this module (the page's head), so it is loaded
// and compiled by the time this runs.
const layout = async (data) => {
  const ELK = window.ELK;
  if (!ELK) throw new Error("ELK did not load");
  const row = rows(data);
  const graph = {
    id: "field",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      // Rows come from the release dates (node y below), not from the layout.
      "elk.layered.layering.strategy": "INTERACTIVE",
      "elk.layered.nodePlacement.strategy": "SIMPLE",
      "elk.layered.thoroughness": "1",
      "elk.layered.crossingMinimization.greedySwitch.type": "OFF",
      "elk.edgeRouting": "POLYLINE",
      "elk.spacing.nodeNode": "10",
      "elk.layered.spacing.nodeNodeBetweenLayers": "22",
      "elk.separateConnectedComponents": "false",
    },
    children: data.nodes.map((n, i) => ({
      id: `m${i}`,
      width: Math.ceil(textWidth(n.name)) + 14,
      height: FONT + 12,
      x: 0,
      y: row[i] * 40,
    })),
    edges: data.edges.map((e, i) => ({ id: `e${i}`, sources: [`m${e.from}`], targets: [`m${e.to}`] })),
  };
  return new ELK().layout(graph);
};

const YEAR = (n) => Number(n.date.slice(0, 4));
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const when = (n) =>
  n.date.length > 4 ? `${MONTHS[Number(n.date.slice(5, 7)) - 1]} ${n.date.slice(0, 4)}` : n.date;

const drawSvg = (data, placed) => {
  const width = placed.width + GUTTER + 16;
  const height = placed.height + 16;
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    class: "llm-fieldtree-svg",
    role: "group",
    "aria-label": `Tree of ${data.nodes.length} models, oldest at the top`,
  });
  const boxes = placed.children;
  // Year bands: from the top of a year's first row to the next year's.
  const tops = new Map();
  data.nodes.forEach((n, i) => {
    const y = YEAR(n);
    tops.set(y, Math.min(tops.get(y) ?? Infinity, boxes[i].y));
  });
  const years = [...tops.keys()].sort((a, b) => a - b);
  const bands = el("g", { class: "llm-ft-years" }, svg);
  years.forEach((year, i) => {
    const top = i === 0 ? 0 : tops.get(year) - 8;
    const bottom = i + 1 < years.length ? tops.get(years[i + 1]) - 8 : height;
    el("rect", { x: 0, y: top, width, height: bottom - top, class: i % 2 ? "llm-ft-band" : "llm-ft-band llm-ft-band-alt" }, bands);
    const label = el("text", { x: 8, y: top + 22, class: "llm-ft-year" }, bands);
    label.textContent = String(year);
  });
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "llm-ft-arrow", viewBox: "0 0 8 8", refX: 7, refY: 4,
    markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
  el("path", { d: "M0,0 L8,4 L0,8 z", class: "llm-ft-arrowhead" }, marker);

  const shift = (p) => `${p.x + GUTTER},${p.y + 8}`;
  const lines = el("g", { class: "llm-ft-edges" }, svg);
  placed.edges.forEach((edge, i) => {
    const e = data.edges[i];
    for (const s of edge.sections || []) {
      const points = [s.startPoint, ...(s.bendPoints || []), s.endPoint].map(shift);
      const path = el("polyline", {
        points: points.join(" "),
        class: `llm-ft-edge llm-ft-edge-${e.style}`,
        "marker-end": "url(#llm-ft-arrow)",
        "data-from": e.from,
        "data-to": e.to,
      }, lines);
      el("title", {}, path).textContent =
        `${data.nodes[e.from].name} ${e.label} ${data.nodes[e.to].name}`;
    }
  });

  const group = el("g", { class: "llm-ft-nodes" }, svg);
  const links = data.nodes.map((n, i) => {
    const b = boxes[i];
    const link = el("a", {
      href: data.links[i] || "#",
      class: `llm-ft-node llm-arch-${n.architecture} llm-w-${n.weights}`,
      "data-index": i,
      "data-family": n.family,
      "data-date": n.date,
    }, group);
    el("title", {}, link).textContent =
      `${n.name}: ${when(n)}, ${n.architecture}, ${n.weights} weights`;
    el("rect", { x: b.x + GUTTER, y: b.y + 8, width: b.width, height: b.height, rx: 4 }, link);
    const label = el("text", { x: b.x + GUTTER + b.width / 2, y: b.y + 8 + b.height / 2 }, link);
    label.textContent = n.name;
    return link;
  });
  return { svg, links };
};

const controls = (root, data, svg, links, zoom) => {
  const bar = document.createElement("div");
  bar.className = "llm-fieldtree-tools";
  // Families as branches: pick one and the rest fades.
  const label = document.createElement("label");
  label.textContent = "Highlight a family ";
  const select = document.createElement("select");
  select.className = "llm-fieldtree-family";
  select.append(new Option("all families", ""));
  for (const [key, title] of Object.entries(data.families).sort((a, b) => a[1].localeCompare(b[1]))) {
    const count = data.nodes.filter((n) => n.family === key).length;
    select.append(new Option(`${title} (${count})`, key));
  }
  label.append(select);
  select.addEventListener("change", () => {
    const family = select.value;
    svg.classList.toggle("llm-ft-filtered", !!family);
    links.forEach((a) => a.classList.toggle("llm-ft-on", !!family && a.dataset.family === family));
    const on = new Set(links.filter((a) => a.classList.contains("llm-ft-on")).map((a) => a.dataset.index));
    svg.querySelectorAll(".llm-ft-edge").forEach((p) =>
      p.classList.toggle("llm-ft-on", on.has(p.dataset.from) && on.has(p.dataset.to)));
  });
  // Find a model: scroll it into the middle of the box at a readable size.
  const find = document.createElement("label");
  find.textContent = "Find a model ";
  const input = document.createElement("input");
  input.type = "search";
  input.className = "llm-fieldtree-find";
  input.setAttribute("list", "llm-fieldtree-names");
  const names = document.createElement("datalist");
  names.id = "llm-fieldtree-names";
  data.nodes.forEach((n) => names.append(new Option(n.name)));
  find.append(input, names);
  const go = () => {
    const wanted = input.value.trim().toLowerCase();
    const i = data.nodes.findIndex((n) => n.name.toLowerCase() === wanted);
    const hit = i >= 0 ? i : data.nodes.findIndex((n) => n.name.toLowerCase().includes(wanted));
    if (!wanted || hit < 0) return;
    links.forEach((a) => a.classList.remove("llm-ft-found"));
    const link = links[hit];
    link.classList.add("llm-ft-found");
    const rect = link.querySelector("rect");
    const x = Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2;
    const y = Number(rect.getAttribute("y")) + Number(rect.getAttribute("height")) / 2;
    zoom.apply(Math.max(zoom.scale, 1), { x, y });
    link.focus({ preventScroll: true });
  };
  input.addEventListener("change", go);
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
  bar.append(label, find);
  root.before(bar);
};

const start = async (root) => {
  const begun = performance.now();
  const data = JSON.parse(root.querySelector("script.llm-fieldtree-data").textContent);
  const box = root.querySelector(".llm-fieldtree-draw");
  const status = root.querySelector(".llm-fieldtree-status");
  status.textContent = `Laying out ${data.nodes.length} models…`;
  try {
    const placed = await layout(data);
    const { svg, links } = drawSvg(data, placed);
    box.append(svg);
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Tree of the field: arrow keys scroll, + and - zoom");
    // The first view opens on the oldest model, at full size.
    const zoom = zoomable(box, svg, { readable: 1, show: [links[0]], name: "Tree of the field" });
    controls(box.previousElementSibling, data, svg, links, zoom);
    status.textContent = `${data.nodes.length} models and ${data.edges.length} relations, ` +
      "oldest at the top. Click a model to open its card.";
    root.dataset.llmDrawnMs = String(Math.round(performance.now()));
    // What the benchmark reports: from navigation, and from this script's start.
    root.dataset.llmLayoutMs = String(Math.round(performance.now() - begun));
  } catch (e) {
    status.textContent = "The tree could not be drawn here; the family trees show the same relations.";
    console.error("llmcatalog tree:", e);
  }
};

document.querySelectorAll(".llm-fieldtree").forEach(start);
