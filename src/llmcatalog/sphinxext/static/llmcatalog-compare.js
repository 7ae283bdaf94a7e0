// llmcatalog compare page: two to four models side by side, chosen in the page's address
// (compare.html?models=a,b,c). The data is the page's own compare.json (linked on the page);
// card text only ever becomes text nodes and http(s) links, never markup. A row is marked
// as differing only where at least two of the chosen models have a value and they differ.
(() => {
  "use strict";
  const box = document.querySelector(".llm-comparator");
  if (!box) return;
  const source = box.querySelector("a.download, a.reference.download");
  if (!source) return;
  const root = document.documentElement.dataset.content_root || "";
  const suffix = window.DOCUMENTATION_OPTIONS?.FILE_SUFFIX ?? ".html";

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props);
    node.append(...children);
    return node;
  };
  const cardUrl = (data, kind, id) => `${root}${data.folders[kind]}/${id}${suffix}`;

  function partsNodes(data, parts) {
    return parts.map((p) => {
      if (p[0] === "r") {
        const label = p[3] || data.names[p[1]]?.[p[2]] || p[2];
        return el("a", { href: cardUrl(data, p[1], p[2]) }, label);
      }
      if (p[0] === "u" && /^https?:\/\//i.test(p[1])) {
        return el("a", { href: p[1], rel: "noopener" }, p[2]);
      }
      return document.createTextNode(p[p.length === 2 ? 1 : 2]);
    });
  }
  const partsText = (parts) => parts.map((p) => (p[0] === "t" ? p[1] : p[2] || p[3] || "")).join("");

  function chosenIds(data) {
    const known = new Set(data.models.map((m) => m.id));
    const asked = (new URLSearchParams(location.search).get("models") || "")
      .split(",").map((s) => s.trim()).filter(Boolean);
    const ids = [...new Set(asked)];
    return { ids: ids.filter((i) => known.has(i)).slice(0, data.max), unknown: ids.filter((i) => !known.has(i)) };
  }

  function setIds(ids) {
    const url = new URL(location.href);
    if (ids.length) url.searchParams.set("models", ids.join(","));
    else url.searchParams.delete("models");
    // Commas stay readable in the shared address.
    history.replaceState(null, "", url.toString().replace(/%2C/g, ","));
  }

  function render(data, view) {
    const byId = new Map(data.models.map((m) => [m.id, m]));
    const { ids, unknown } = chosenIds(data);
    const models = ids.map((i) => byId.get(i));
    view.replaceChildren();

    const picker = el("select", { className: "form-select form-select-sm", id: "llm-compare-add" });
    picker.setAttribute("aria-label", "Add a model to the comparison");
    picker.add(new Option(ids.length >= data.max ? `At most ${data.max} models` : "Add a model…", ""));
    for (const m of data.models) {
      if (!ids.includes(m.id)) picker.add(new Option(`${m.name} (${m.released})`, m.id));
    }
    picker.disabled = ids.length >= data.max;
    picker.addEventListener("change", () => {
      if (picker.value) { setIds([...ids, picker.value]); render(data, view); }
    });
    const onlyDiff = el("input", { type: "checkbox", id: "llm-compare-diff", checked: view.dataset.diff === "1" });
    onlyDiff.addEventListener("change", () => { view.dataset.diff = onlyDiff.checked ? "1" : ""; render(data, view); });
    view.append(el("div", { className: "llm-facets" },
      el("label", { className: "llm-facet-menu" }, "Models ", picker),
      el("label", { className: "llm-facet-menu" }, onlyDiff, " Only rows that differ")));
    if (unknown.length) {
      view.append(el("p", { className: "llm-count", role: "status" }, `No model card with the id ${unknown.join(", ")}.`));
    }
    if (models.length < 2) {
      view.append(el("p", { className: "llm-compare-empty", role: "status" },
        models.length ? `${models[0].name} is chosen: add at least one more model.` : "Choose at least two models to compare."));
      if (!models.length) return;
    }

    // Rows in page order: by group, then in the order the chosen models first list them.
    const rows = new Map();
    for (const group of data.groups) rows.set(group, new Map());
    models.forEach((m, column) => {
      for (const [group, label, parts] of m.rows) {
        const inGroup = rows.get(group);
        if (!inGroup.has(label)) inGroup.set(label, new Array(models.length).fill(null));
        const cells = inGroup.get(label);
        cells[column] = cells[column] ? [...cells[column], ["t", "; "], ...parts] : parts;
      }
    });
    const empty = new Set(data.empty);
    const table = el("table", { className: "llm-table llm-compare-live table" });
    const head = el("tr", {}, el("th", { scope: "col" }, "Field"));
    models.forEach((m) => {
      const remove = el("button", { type: "button", className: "btn btn-sm btn-outline-secondary llm-compare-remove" }, "Remove");
      remove.setAttribute("aria-label", `Remove ${m.name}`);
      remove.addEventListener("click", () => { setIds(ids.filter((i) => i !== m.id)); render(data, view); });
      head.append(el("th", { scope: "col" }, el("a", { href: `${cardUrl(data, "model", m.id)}` }, m.name), " ", remove));
    });
    table.append(el("thead", {}, head));
    let shown = 0;
    let differing = 0;
    for (const [group, inGroup] of rows) {
      if (!inGroup.size) continue;
      const body = el("tbody");
      body.append(el("tr", { className: "llm-compare-group" }, el("th", { scope: "colgroup", colSpan: models.length + 1 }, group)));
      for (const [label, cells] of inGroup) {
        const texts = cells.map((c) => (c ? partsText(c).trim() : "")).filter((t) => t && !empty.has(t));
        const differs = group !== "Sources" && texts.length >= 2 && new Set(texts).size > 1;
        if (differs) differing += 1;
        if (view.dataset.diff === "1" && !differs) continue;
        const name = el("th", { scope: "row" }, label);
        if (differs) name.append(el("span", { className: "visually-hidden" }, " (differs)"));
        const tr = el("tr", { className: differs ? "llm-diff" : "" }, name);
        for (const c of cells) tr.append(el("td", {}, ...(c ? partsNodes(data, c) : [data.missing])));
        body.append(tr);
        shown += 1;
      }
      if (body.rows.length > 1) table.append(body);
    }
    view.append(el("p", { className: "llm-count", role: "status" },
      `${models.length} models, ${differing} rows differ` + (view.dataset.diff === "1" ? ` (${shown} shown)` : "")));
    view.append(el("div", { className: "llm-table-scroll pst-scrollable-table-container", tabIndex: 0 }, table));
  }

  const view = el("div", { className: "llm-compare-view" });
  box.append(view);
  box.querySelector(".llm-noscript")?.remove();
  fetch(source.href)
    .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.json(); })
    .then((data) => render(data, view))
    .catch((e) => { view.append(el("p", { role: "alert" }, `The comparison data could not be loaded (${e.message}).`)); });
})();
