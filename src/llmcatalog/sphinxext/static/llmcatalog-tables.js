// llmcatalog tables: sort by clicking a heading, filter by typing or by a column's menu of
// values (headings marked llm-facet), page through long tables.
// No dependencies. Values such as "70B (13B active)", "1.5T", "~1.8T (est.)", "2019-02" and
// "—" sort by their meaning; missing values always sort last, in both directions. Tables
// longer than two pages keep only the current page in the document, so a table of 10,000
// cards stays quick to scroll, sort and filter.
(() => {
  "use strict";
  const SCALE = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  const MISSING = "—";
  const PAGE = window.llmcatalogPageSize || 100;

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

  // A table taller or wider than its box scrolls inside it: keyboard users need to reach the
  // box to scroll it (WCAG 2.1.1), and screen readers need to know what it holds. The theme
  // gives scrolling table boxes a tab stop; this adds the name and keeps both current.
  function tableName(table) {
    const caption = table.caption?.textContent.trim();
    if (caption) return caption;
    const h = table.closest("section")?.querySelector("h1, h2, h3, h4, h5, h6");
    return h ? h.textContent.replace(/#$/, "").trim() : "";
  }

  function reachable(scroller, name) {
    if (!scroller) return;
    const scrolls = scroller.scrollHeight > scroller.clientHeight + 1 ||
      scroller.scrollWidth > scroller.clientWidth + 1;
    if (scrolls) {
      scroller.tabIndex = 0;
      scroller.setAttribute("role", "region");
      scroller.setAttribute("aria-label", name ? `Table: ${name}` : "Table");
    } else {
      scroller.removeAttribute("role");
      scroller.removeAttribute("aria-label");
    }
  }

  function enhance(box, index) {
    const table = box.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).map((row) => ({ row, text: null, keys: [] }));
    const paged = rows.length > 2 * PAGE;
    let matched = rows;
    let page = 0;

    const status = document.createElement("p");
    status.className = "llm-count";
    status.setAttribute("aria-live", "polite");
    const pager = document.createElement("nav");
    pager.className = "llm-pager";
    pager.setAttribute("aria-label", "Table pages");
    const prev = document.createElement("button");
    const next = document.createElement("button");
    prev.type = next.type = "button";
    prev.className = next.className = "btn btn-sm btn-outline-secondary";
    prev.textContent = "Previous";
    next.textContent = "Next";
    prev.addEventListener("click", () => { page -= 1; render(); });
    next.addEventListener("click", () => { page += 1; render(); });
    pager.append(prev, " ", next);

    function render() {
      const pages = paged ? Math.max(1, Math.ceil(matched.length / PAGE)) : 1;
      page = Math.min(Math.max(page, 0), pages - 1);
      const shown = paged ? matched.slice(page * PAGE, (page + 1) * PAGE) : matched;
      if (paged) {
        body.replaceChildren(...shown.map((r) => r.row));
        prev.disabled = page === 0;
        next.disabled = page >= pages - 1;
        const first = matched.length ? page * PAGE + 1 : 0;
        status.textContent = `Rows ${first}–${page * PAGE + shown.length} of ${matched.length}` +
          (matched.length < rows.length ? ` (filtered from ${rows.length})` : "");
      } else {
        const visible = new Set(shown);
        rows.forEach((r) => { r.row.hidden = !visible.has(r); });
        body.replaceChildren(...rows.map((r) => r.row));
        status.textContent = matched.length < rows.length
          ? `${matched.length} of ${rows.length} rows` : "";
      }
    }

    table.querySelectorAll("thead th").forEach((th, column) => {
      const kind = th.classList.contains("llm-sort-number") ? "number"
        : th.classList.contains("llm-sort-date") ? "date" : "text";
      th.classList.add("llm-sortable");
      th.tabIndex = 0;
      th.title = "Sort by this column";
      const sort = () => {
        const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        for (const r of rows) {
          if (!(column in r.keys)) r.keys[column] = key(r.row.cells[column].textContent, kind);
        }
        const order = (a, b) => {
          const x = a.keys[column];
          const y = b.keys[column];
          if (x === null && y === null) return 0;
          if (x === null) return 1; // missing last, whatever the direction
          if (y === null) return -1;
          return x < y ? -dir : x > y ? dir : 0;
        };
        rows.sort(order);
        matched = matched === rows ? rows : matched.slice().sort(order);
        page = 0;
        render();
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });

    const input = document.createElement("input");
    input.type = "search";
    input.className = "llm-filter form-control";
    input.id = `llm-filter-${index}`;
    input.placeholder = "Filter rows…";
    input.setAttribute("aria-label", "Filter table rows");

    // A menu per facet column, of the values its cells hold; a row must match every choice.
    const facets = [];
    const facetBox = document.createElement("div");
    facetBox.className = "llm-facets";
    table.querySelectorAll("thead th").forEach((th, column) => {
      if (!th.classList.contains("llm-facet")) return;
      const kind = th.classList.contains("llm-sort-number") ? "number" : "text";
      const values = new Set(rows.map((r) => r.row.cells[column].textContent.trim()));
      if (values.size < 2) return; // nothing to choose between
      const ordered = Array.from(values).sort((a, b) => {
        const x = key(a, kind);
        const y = key(b, kind);
        if (x === null) return 1;
        if (y === null) return -1;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      const label = document.createElement("label");
      label.className = "llm-facet-menu";
      const select = document.createElement("select");
      select.className = "form-select form-select-sm";
      select.id = `llm-facet-${index}-${column}`;
      // Named by its column alone (a wrapping label would also read out the chosen value).
      select.setAttribute("aria-label", th.textContent.trim());
      select.add(new Option("any", ""));
      for (const v of ordered) select.add(new Option(v === MISSING ? "not given" : v, v));
      label.append(`${th.textContent.trim()} `, select);
      facetBox.append(label);
      facets.push({ column, select });
      select.addEventListener("change", apply);
    });

    function apply() {
      const q = input.value.trim().toLowerCase();
      const chosen = facets.filter((f) => f.select.value !== "");
      matched = q || chosen.length ? rows.filter((r) => {
        if (q) {
          if (r.text === null) r.text = r.row.textContent.toLowerCase();
          if (!r.text.includes(q)) return false;
        }
        return chosen.every((f) => r.row.cells[f.column].textContent.trim() === f.select.value);
      }) : rows;
      page = 0;
      render();
    }
    input.addEventListener("input", apply);
    const scroller = table.closest(".pst-scrollable-table-container");
    const name = tableName(table);
    box.insertBefore(input, box.firstChild);
    if (facets.length) box.insertBefore(facetBox, input.nextSibling);
    box.insertBefore(status, scroller || table);
    if (paged) box.appendChild(pager);
    render();
    const update = () => reachable(scroller, name);
    update();
    // Filtering and paging change the table's height; so does the window.
    input.addEventListener("input", update);
    facetBox.addEventListener("change", update);
    pager.addEventListener("click", update);
    window.addEventListener("resize", update);
  }

  function init() { document.querySelectorAll(".llm-table-box").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
