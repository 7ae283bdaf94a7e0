// llmcatalog diagrams: once Mermaid has drawn a lineage diagram, make its nodes links to the
// card pages. Mermaid's strict security level disables its own `click` lines, so the map of
// node ids to URLs travels beside the diagram as JSON.
const attach = (box) => {
  const data = box.querySelector("script.llm-graph-links");
  const svg = box.querySelector("svg[aria-roledescription]");
  if (!data || !svg || box.dataset.llmLinked) return Boolean(box.dataset.llmLinked);
  const links = JSON.parse(data.textContent);
  svg.querySelectorAll("g.node").forEach((node) => {
    const match = (node.id || "").match(/(?:^|-)(n\d+)-\d+$/) || (node.id || "").match(/(?:^|-)(n\d+)$/);
    const href = match && links[match[1]];
    if (!href) return;
    node.dataset.llmHref = href;
    node.setAttribute("role", "link");
    node.setAttribute("tabindex", "0");
    node.addEventListener("click", () => { window.location.href = href; });
    node.addEventListener("keydown", (e) => { if (e.key === "Enter") window.location.href = href; });
  });
  box.dataset.llmLinked = "1";
  return true;
};

const boxes = Array.from(document.querySelectorAll(".llm-graph"));
if (boxes.length) {
  const observer = new MutationObserver(() => {
    if (boxes.every(attach)) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  boxes.forEach(attach);
}
