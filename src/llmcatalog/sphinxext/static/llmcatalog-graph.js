// llmcatalog lineage diagrams: draw them with the site's pinned Mermaid, follow the colour
// mode, and make each node a link to its card. Mermaid runs with securityLevel "strict", so
// card text can never become markup; its `click` lines are off under that level, hence the
// links that travel beside each diagram as JSON.
//
// Mermaid is large (about 1 MB over a dozen modules): it is imported only once a diagram
// comes within a screen of the viewport, and each diagram is drawn when it does, so a card
// whose family tree sits below the fold, or a page of thirty trees, costs nothing up front.
import { zoomable } from "./llmcatalog-zoom.js";

const local = new URL("./mermaid/mermaid.esm.min.mjs", import.meta.url).href;
const elkLocal = new URL("./mermaid/mermaid-layout-elk.esm.min.mjs", import.meta.url).href;
const boxes = Array.from(document.querySelectorAll(".llm-graph"));
const sources = new Map();
const drawn = new Set();

const source = (box) => box.querySelector(".llm-mermaid");
const needsElk = (box) => source(box)?.textContent.includes("layout: elk");
const dark = () => document.documentElement.dataset.theme === "dark";

let mermaidReady = null;
const loadMermaid = () =>
  (mermaidReady ??= import(window.llmcatalogMermaidUrl || local).then((m) => m.default));
let elkReady = null;
const loadElk = (mermaid) =>
  (elkReady ??= import(window.llmcatalogElkUrl || elkLocal).then((m) => {
    mermaid.registerLayoutLoaders(m.default);
  }));

const nodeId = (node) => (node.id || "").match(/(?:^|-)(n\d+)(?:-\d+)?$/)?.[1];

const link = (box) => {
  const data = box.querySelector("script.llm-graph-links");
  const svg = box.querySelector("svg[aria-roledescription]");
  if (!data || !svg) return;
  const links = JSON.parse(data.textContent);
  svg.querySelectorAll("g.node").forEach((node) => {
    const id = nodeId(node);
    const href = id && links[id];
    if (!href) return;
    node.dataset.llmHref = href;
    node.setAttribute("role", "link");
    node.setAttribute("tabindex", "0");
    node.addEventListener("click", () => { window.location.href = href; });
    node.addEventListener("keydown", (e) => { if (e.key === "Enter") window.location.href = href; });
  });
  box.dataset.llmLinked = "1";
};

// A drawn tree wider than the column scrolls sideways inside its box; keyboard users need
// to reach that box to scroll it (WCAG 2.1.1), and screen readers need to know what it is.
const heading = (box) => {
  const h = box.closest("section")?.querySelector("h1, h2, h3, h4, h5, h6");
  return h ? h.textContent.replace(/#$/, "").trim() : "";
};
const reachable = (box) => {
  if (box.classList.contains("llm-zoomable") || box.scrollWidth > box.clientWidth + 1) {
    const name = heading(box);
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", name ? `Diagram: ${name}` : "Diagram");
  } else {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
};

// A diagram larger than its box gets zoom buttons; a model's diagram opens on the model and
// its direct relatives (ids written beside the Mermaid text).
const zoom = (box) => {
  const svg = box.querySelector("svg[aria-roledescription]");
  const pre = source(box);
  if (!svg || !pre) return;
  const view = svg.viewBox.baseVal;
  const tall = window.innerHeight * 0.75;
  if (view.width <= box.clientWidth + 1 && view.height <= tall) {
    if (box.previousElementSibling?.classList.contains("llm-zoom-bar")) box.previousElementSibling.remove();
    box.classList.remove("llm-zoomable");
    return;
  }
  const nodes = new Map([...svg.querySelectorAll("g.node")].map((n) => [nodeId(n), n]));
  const wanted = [pre.dataset.focus, ...(pre.dataset.near || "").split(" ")].filter(Boolean);
  // Without a current model, open on the oldest one (n0), where the tree starts.
  const show = pre.dataset.focus ? wanted.map((id) => nodes.get(id)) : [nodes.get("n0")];
  zoomable(box, svg, { show, name: heading(box) ? `Diagram: ${heading(box)}` : "Diagram" });
};

// In a narrow column a left-to-right chain is mostly off-screen; top to bottom it scrolls
// with the page's own direction.
const narrow = (box, text) =>
  box.clientWidth < 600 ? text.replace(/^flowchart LR$/m, "flowchart TB") : text;

let drawnDark = null;
// Draw `fresh` boxes, and redraw the drawn ones if the colour mode changed since.
const sync = async (fresh) => {
  const isDark = dark();
  const stale = isDark === drawnDark ? [] : [...drawn];
  const targets = [...new Set([...stale, ...fresh])].filter(source);
  if (!targets.length) return;
  const mermaid = await loadMermaid();
  if (targets.some(needsElk)) await loadElk(mermaid);
  if (drawnDark !== isDark) {
    drawnDark = isDark;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      theme: isDark ? "dark" : "default",
      // Natural size, scrolling sideways inside the box: shrunk to fit, big trees are unreadable.
      flowchart: { useMaxWidth: false },
    });
  }
  const nodes = targets.map((box) => {
    const pre = source(box);
    if (!sources.has(pre)) sources.set(pre, pre.textContent);
    pre.removeAttribute("data-processed");
    pre.textContent = narrow(box, sources.get(pre));
    delete box.dataset.llmLinked;
    return pre;
  });
  await mermaid.run({ nodes });
  for (const box of targets) {
    drawn.add(box);
    link(box);
    zoom(box);
    reachable(box);
  }
};

// mermaid.run is not safe to call concurrently: one drawing at a time, in order.
let queue = Promise.resolve();
const schedule = (fresh) => {
  queue = queue.then(() => sync(fresh)).catch((e) => console.error("llmcatalog diagram:", e));
};

const near = new IntersectionObserver(
  (entries) => {
    const fresh = entries.filter((e) => e.isIntersecting).map((e) => e.target);
    fresh.forEach((box) => near.unobserve(box));
    if (fresh.length) schedule(fresh);
  },
  { rootMargin: "100% 0px" },
);
boxes.forEach((box) => near.observe(box));

new MutationObserver(() => schedule([])).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ["data-theme"],
});
let resized = null;
window.addEventListener("resize", () => {
  clearTimeout(resized);
  resized = setTimeout(() => drawn.forEach(reachable), 200);
});
