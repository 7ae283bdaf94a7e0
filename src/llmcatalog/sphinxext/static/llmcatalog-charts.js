// llmcatalog live charts: each chart figure carries a Vega-Lite spec beside its static SVG.
// Once the figure is on screen, Vega (served by the site; about 290 KB compressed, so
// loaded only then) draws the spec: pointing at a mark names the model, clicking it opens
// the card. The static images stay in the page for readers without scripts and are hidden
// only once the live chart has drawn. The colour mode picks the palette, as for the SVGs.
const base = new URL("./vega/", import.meta.url);
const SCRIPTS = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
const figures = Array.from(document.querySelectorAll("figure.llm-chart"))
  .filter((f) => f.querySelector("script.llm-vega-spec"));
const views = new Map();

// A site that opted in to CDNs (llmcatalog_mermaid = "cdn") names the three scripts itself.
const urls = window.llmcatalogVegaUrls || SCRIPTS.map((name) => new URL(name, base).href);
const script = (url) =>
  new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = url;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${s.src}`));
    document.head.append(s);
  });
let ready = null;
// In order: Vega-Lite needs Vega, vega-embed needs both.
const load = () =>
  (ready ??= urls.reduce((p, url) => p.then(() => script(url)), Promise.resolve())
    .then(() => window.vegaEmbed));

const dark = () => document.documentElement.dataset.theme === "dark";

const theme = (meta) => {
  const t = dark() ? "dark" : "light";
  const text = meta.text[t];
  const font = getComputedStyle(document.body).fontFamily || "sans-serif";
  return {
    background: null,
    font,
    range: { category: meta.palette[t] },
    axis: { labelColor: text, titleColor: text, domainColor: text, tickColor: text,
      gridColor: meta.grid[t], labelFontSize: 12, titleFontSize: 13 },
    // Shape legends (total or active, how a compute figure came) have no colour of their
    // own: draw their symbols in the text colour, which the dark theme needs to see them.
    legend: { labelColor: text, titleColor: text, labelFontSize: 12, titleFontSize: 12,
      symbolFillColor: text, symbolStrokeColor: text },
    title: { color: text, subtitleColor: text, fontSize: 15, subtitleFontSize: 12, anchor: "start" },
    view: { stroke: null },
  };
};

const draw = async (figure) => {
  const holder = figure.querySelector(".llm-vega");
  const spec = JSON.parse(figure.querySelector("script.llm-vega-spec").textContent);
  const embed = await load();
  views.get(figure)?.finalize();
  holder.hidden = false;
  const result = await embed(holder, { ...spec, config: theme(spec.usermeta) }, {
    actions: false,
    renderer: "svg",
    tooltip: { theme: dark() ? "dark" : "light" },
    // Links to the cards open in the same tab, like every other link on the site.
    loader: window.vega.loader({ target: "_self" }),
  });
  views.set(figure, result);
  figure.classList.add("llm-chart-live");
  figure.dataset.llmDrawn = dark() ? "dark" : "light";
};

const queue = (figure) => draw(figure).catch((e) => {
  // The static images stay: the chart is still there, only not interactive.
  figure.querySelector(".llm-vega").hidden = true;
  figure.classList.remove("llm-chart-live");
  console.error("llmcatalog chart:", e);
});

const near = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    near.unobserve(entry.target);
    queue(entry.target);
  }
  // Only once a fifth of the chart is on screen: the static SVG already shows it, and a
  // chart just below the fold (the home page's) should not cost a page its first load.
}, { threshold: 0.2 });
figures.forEach((f) => near.observe(f));

new MutationObserver(() => {
  for (const figure of views.keys()) queue(figure);
}).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
