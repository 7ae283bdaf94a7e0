// llmcatalog tables: sort by clicking a heading, filter by typing. No dependencies.
// Values such as "70B (13B active)", "1.5T", "~1.8T (est.)", "2019-02" and "—" sort by
// their meaning; missing values always sort last.
(() => {
  "use strict";
  const SCALE = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  const MISSING = "—";

  function key(text, kind) {
    const t = text.trim();
    if (t === "" || t === MISSING) return null;
    if (kind === "number") {
      const m = t.replace(/,/g, "").match(/(\d+(?:\.\d+)?)\s*([KMBT])?/);
      return m ? parseFloat(m[1]) * (m[2] ? SCALE[m[2]] : 1) : null;
    }
    if (kind === "date") return t;
    return t.toLowerCase();
  }

  function sortBy(table, index, kind, th) {
    const body = table.tBodies[0];
    const current = th.getAttribute("aria-sort");
    const dir = current === "ascending" ? -1 : 1;
    table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    const rows = Array.from(body.rows).map((row) => [key(row.cells[index].textContent, kind), row]);
    rows.sort((a, b) => {
      if (a[0] === null && b[0] === null) return 0;
      if (a[0] === null) return 1; // missing last, whatever the direction
      if (b[0] === null) return -1;
      return a[0] < b[0] ? -dir : a[0] > b[0] ? dir : 0;
    });
    rows.forEach(([, row]) => body.appendChild(row));
  }

  function enhance(box) {
    const table = box.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    table.querySelectorAll("thead th").forEach((th, index) => {
      const kind = th.classList.contains("llm-sort-number") ? "number"
        : th.classList.contains("llm-sort-date") ? "date" : "text";
      th.classList.add("llm-sortable");
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader");
      th.title = "Sort by this column";
      const go = () => sortBy(table, index, kind, th);
      th.addEventListener("click", go);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
    });
    const input = document.createElement("input");
    input.type = "search";
    input.className = "llm-filter form-control";
    input.placeholder = "Filter rows…";
    input.setAttribute("aria-label", "Filter table rows");
    input.addEventListener("input", () => {
      const q = input.value.trim().toLowerCase();
      let shown = 0;
      Array.from(table.tBodies[0].rows).forEach((row) => {
        const hit = !q || row.textContent.toLowerCase().includes(q);
        row.hidden = !hit;
        if (hit) shown += 1;
      });
      input.dataset.shown = String(shown);
    });
    box.insertBefore(input, box.firstChild);
  }

  function init() { document.querySelectorAll(".llm-table-box").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
