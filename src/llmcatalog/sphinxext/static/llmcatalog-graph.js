// llmcatalog lineage diagrams: draw them with the site's pinned Mermaid, follow the colour
// mode, and make each node a link to its card. Mermaid runs with securityLevel "strict", so
// card text can never become markup; its `click` lines are off under that level, hence the
// links that travel beside each diagram as JSON.
const local = new URL("./mermaid/mermaid.esm.min.mjs", import.meta.url).href;
const { default: mermaid } = await import(window.llmcatalogMermaidUrl || local);
const boxes = Array.from(document.querySelectorAll(".llm-graph"));
const sources = new Map();

if (boxes.some((b) => b.querySelector(".llm-mermaid")?.textContent.includes("layout: elk"))) {
  const elkLocal = new URL("./mermaid/mermaid-layout-elk.esm.min.mjs", import.meta.url).href;
  const { default: elk } = await import(window.llmcatalogElkUrl || elkLocal);
  mermaid.registerLayoutLoaders(elk);
}

const dark = () => document.documentElement.dataset.theme === "dark";

const link = (box) => {
  const data = box.querySelector("script.llm-graph-links");
  const svg = box.querySelector("svg[aria-roledescription]");
  if (!data || !svg) return;
  const links = JSON.parse(data.textContent);
  svg.querySelectorAll("g.node").forEach((node) => {
    const match = (node.id || "").match(/(?:^|-)(n\d+)(?:-\d+)?$/);
    const href = match && links[match[1]];
    if (!href) return;
    node.dataset.llmHref = href;
    node.setAttribute("role", "link");
    node.setAttribute("tabindex", "0");
    node.addEventListener("click", () => { window.location.href = href; });
    node.addEventListener("keydown", (e) => { if (e.key === "Enter") window.location.href = href; });
  });
  box.dataset.llmLinked = "1";
};

let drawnDark = null;
const draw = async () => {
  const isDark = dark();
  if (drawnDark === isDark) return;
  drawnDark = isDark;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: isDark ? "dark" : "default",
    // Natural size, scrolling sideways inside the box: shrunk to fit, big trees are unreadable.
    flowchart: { useMaxWidth: false },
  });
  const nodes = [];
  for (const box of boxes) {
    const pre = box.querySelector(".llm-mermaid");
    if (!pre) continue;
    if (!sources.has(pre)) sources.set(pre, pre.textContent);
    pre.removeAttribute("data-processed");
    pre.textContent = sources.get(pre);
    delete box.dataset.llmLinked;
    nodes.push(pre);
  }
  await mermaid.run({ nodes });
  boxes.forEach(link);
};

await draw();
new MutationObserver(() => { draw(); }).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ["data-theme"],
});
