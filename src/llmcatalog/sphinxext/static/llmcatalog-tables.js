// llmcatalog tables: sort by clicking a heading, filter by words, by a column's menu of values
// (headings marked llm-facet) or a from-to range (llm-range), choose columns, download the
// rows shown as CSV, and page through long tables. The choices live in the page's address,
// so a filtered view can be shared. No dependencies. Values such as "70B (13B active)",
// "1.5T", "~1.8T (est.)", "2019-02" and "—" sort by their meaning; missing values always
// sort last, in both directions. Tables longer than two pages keep only the current page in
// the document, so a table of 10,000 cards stays quick to scroll, sort and filter.
(() => {
  "use strict";
  const SCALE = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  const MISSING = "—";
  const EMPTY = new Set([MISSING, "", "not disclosed", "n/a"]);
  const PAGE = window.llmcatalogPageSize || 100;
  const TOOLS_FROM = 12; // menus, ranges, columns and CSV only on tables this long

  function key(text, kind) {
    const t = text.trim();
    if (EMPTY.has(t)) return null;
    if (kind === "number") {
      const m = t.replace(/,/g, "").match(/(\d+(?:\.\d+)?)\s*([KMBT])?/);
      return m ? parseFloat(m[1]) * (m[2] ? SCALE[m[2]] : 1) : null;
    }
    if (kind === "date") return t;
    return t.toLowerCase();
  }

  // Whole words: "open" finds the rows whose cells hold the word "open" (open weights), not
  // every "OpenAI" model; a word may run on into digits, so "qwen" finds "Qwen3". "llama 3"
  // needs both words, in any cells.
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const wordsOf = (q) => q.toLowerCase().split(/\s+/).filter(Boolean)
    .map((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(w)}(?=$|[^\\p{L}])`, "u"));

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

  const params = new URLSearchParams(location.search);
  function saveState(prefix, state) {
    for (const k of [...params.keys()]) if (k === prefix || k.startsWith(`${prefix}.`)) params.delete(k);
    for (const [k, v] of Object.entries(state)) if (v) params.set(k ? `${prefix}.${k}` : prefix, v);
    const query = params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
    history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  }
  const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

  // A cell of a data row: text, ["c", code] or ["a", label, href, title, card kind].
  const partsText = (parts) => parts.map((p) => (typeof p === "string" ? p : p[1])).join("").trim();

  function buildRow(parts) {
    const tr = document.createElement("tr");
    for (const cell of parts) {
      const td = document.createElement("td");
      const p = document.createElement("p");
      for (const part of cell) {
        if (typeof part === "string") {
          p.append(part);
        } else if (part[0] === "c") {
          const code = document.createElement("code");
          code.className = "docutils literal notranslate";
          code.textContent = part[1];
          p.append(code);
        } else {
          const a = document.createElement("a");
          a.className = "reference internal";
          a.href = part[2];
          a.title = part[3];
          const span = document.createElement("span");
          span.className = `xref llm llm-${part[4]}`;
          span.textContent = part[1];
          a.append(span);
          p.append(a);
        }
      }
      td.append(p);
      tr.append(td);
    }
    return tr;
  }

  function csvCell(text) {
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  function enhance(box, index) {
    const table = box.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    const body = table.tBodies[0];
    const heads = Array.from(table.tHead.rows[0].cells);
    // A long table's rows come as data (the page holds only its first page as markup):
    // a row is built as markup only when it is shown.
    const data = box.querySelector("script.llm-table-rows");
    const rows = data
      ? JSON.parse(data.textContent).map((parts) => ({ row: null, parts, text: null, cells: parts.map(partsText), keys: [] }))
      : Array.from(body.rows).map((row) => ({ row, text: null, cells: null, keys: [] }));
    if (data) box.querySelector(".llm-table-note")?.remove();
    const rowOf = (r) => (r.row ??= buildRow(r.parts));
    const paged = rows.length > 2 * PAGE;
    const tools = rows.length >= TOOLS_FROM;
    const prefix = `t${index}`;
    const kindOf = (th) => (th.classList.contains("llm-sort-number") ? "number"
      : th.classList.contains("llm-sort-date") ? "date" : "text");
    const cellText = (r, column) => {
      if (!r.cells) r.cells = Array.from(r.row.cells, (c) => c.textContent.trim());
      return r.cells[column];
    };
    // A multi-valued cell (organizations, inputs): its links, or its comma-separated parts.
    const cellValues = (r, column) => {
      if (r.parts) {
        const links = r.parts[column].filter((p) => Array.isArray(p) && p[0] === "a");
        return links.length ? links.map((p) => p[1].trim()) : cellText(r, column).split(/,\s*/);
      }
      const cell = r.row.cells[column];
      const links = cell.querySelectorAll("a");
      if (links.length) return Array.from(links, (a) => a.textContent.trim());
      return cellText(r, column).split(/,\s*/);
    };
    let matched = rows;
    let page = 0;
    let sortState = "";

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
    const nothing = document.createElement("tr");
    nothing.className = "llm-no-rows";
    const nothingCell = document.createElement("td");
    nothingCell.colSpan = heads.length;
    nothingCell.textContent = "No rows match these filters.";
    nothing.append(nothingCell);

    function render() {
      const pages = paged ? Math.max(1, Math.ceil(matched.length / PAGE)) : 1;
      page = Math.min(Math.max(page, 0), pages - 1);
      const shown = paged ? matched.slice(page * PAGE, (page + 1) * PAGE) : matched;
      if (paged) {
        body.replaceChildren(...shown.map(rowOf));
        prev.disabled = page === 0;
        next.disabled = page >= pages - 1;
        const first = matched.length ? page * PAGE + 1 : 0;
        status.textContent = `Rows ${first}–${page * PAGE + shown.length} of ${matched.length}` +
          (matched.length < rows.length ? ` (filtered from ${rows.length})` : "");
      } else {
        const visible = new Set(shown);
        rows.forEach((r) => { rowOf(r).hidden = !visible.has(r); });
        body.replaceChildren(...rows.map(rowOf));
        status.textContent = matched.length < rows.length
          ? `${matched.length} of ${rows.length} rows` : "";
      }
      if (!matched.length) body.append(nothing);
    }

    function sortBy(column, dir) {
      const kind = kindOf(heads[column]);
      heads.forEach((h) => h.removeAttribute("aria-sort"));
      heads[column].setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      for (const r of rows) {
        if (!(column in r.keys)) r.keys[column] = key(cellText(r, column), kind);
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
      sortState = `${slug(heads[column].textContent)}:${dir === 1 ? "asc" : "desc"}`;
    }

    heads.forEach((th, column) => {
      th.classList.add("llm-sortable");
      th.tabIndex = 0;
      th.title = "Sort by this column";
      const sort = () => {
        sortBy(column, th.getAttribute("aria-sort") === "ascending" ? -1 : 1);
        page = 0;
        render();
        save();
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
    input.placeholder = "Filter rows by words…";
    input.setAttribute("aria-label", "Filter table rows by whole words");

    // Menus of a column's values, and from-to ranges; a row must meet every choice.
    const facets = [];
    const ranges = [];
    const facetBox = document.createElement("div");
    facetBox.className = "llm-facets";
    heads.forEach((th, column) => {
      if (!tools) return;
      const title = th.textContent.trim();
      const kind = kindOf(th);
      if (th.classList.contains("llm-range")) {
        const label = document.createElement("label");
        label.className = "llm-facet-menu";
        const lo = document.createElement("input");
        const hi = document.createElement("input");
        for (const [edge, name] of [[lo, "from"], [hi, "to"]]) {
          edge.type = "text";
          edge.size = 6;
          edge.className = "form-control form-control-sm llm-range-input";
          edge.placeholder = kind === "date" ? (name === "from" ? "2017" : "2026") : (name === "from" ? "1B" : "100B");
          edge.setAttribute("aria-label", `${title} ${name}`);
          edge.addEventListener("input", apply);
        }
        label.append(`${title} `, lo, " to ", hi);
        facetBox.append(label);
        ranges.push({ column, kind, lo, hi, name: slug(title) });
        return;
      }
      if (!th.classList.contains("llm-facet")) return;
      const multi = th.classList.contains("llm-facet-multi");
      const values = new Set();
      for (const r of rows) {
        for (const v of multi ? cellValues(r, column) : [cellText(r, column)]) values.add(v);
      }
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
      select.setAttribute("aria-label", title);
      select.add(new Option("any", ""));
      for (const v of ordered) select.add(new Option(v === MISSING ? "not given" : v, v));
      label.append(`${title} `, select);
      facetBox.append(label);
      facets.push({ column, select, multi, name: slug(title) });
      select.addEventListener("change", apply);
    });

    function bound(text, kind, upper) {
      const t = text.trim();
      if (!t) return null;
      if (kind === "date") return upper ? `${t}\uffff` : t; // "2023" covers 2023-12-31
      return key(t, "number");
    }

    function apply() {
      const words = wordsOf(input.value.trim());
      const chosen = facets.filter((f) => f.select.value !== "");
      const limits = ranges.map((g) => ({ ...g, low: bound(g.lo.value, g.kind, false), high: bound(g.hi.value, g.kind, true) }))
        .filter((g) => g.low !== null || g.high !== null);
      matched = words.length || chosen.length || limits.length ? rows.filter((r) => {
        if (words.length) {
          // Only the columns shown: a row never matches on a word the reader cannot see.
          if (r.text === null || r.textColumns !== columnsVersion) {
            r.text = heads.map((_, i) => (hidden.has(i) ? "" : cellText(r, i)))
              .join(" \u0001 ").toLowerCase();
            r.textColumns = columnsVersion;
          }
          if (!words.every((w) => w.test(r.text))) return false;
        }
        for (const g of limits) {
          if (!(g.column in r.keys)) r.keys[g.column] = key(cellText(r, g.column), g.kind);
          const v = r.keys[g.column];
          if (v === null || (g.low !== null && v < g.low) || (g.high !== null && v > g.high)) return false;
        }
        return chosen.every((f) => (f.multi ? cellValues(r, f.column).includes(f.select.value)
          : cellText(r, f.column) === f.select.value));
      }) : rows;
      page = 0;
      render();
      save();
    }

    // Columns: optional ones (llm-optional) start hidden; a menu shows or hides each.
    const style = document.createElement("style");
    table.id ||= `llm-table-${index}`;
    const hidden = new Set(heads.flatMap((th, i) => (tools && th.classList.contains("llm-optional") ? [i] : [])));
    let columnsVersion = 0;
    function applyColumns() {
      columnsVersion += 1;
      style.textContent = [...hidden].map((i) =>
        `#${table.id} tr > :nth-child(${i + 1}) { display: none; }`).join("\n");
      nothingCell.colSpan = heads.length - hidden.size;
    }
    let chooser = null;
    if (tools && heads.length >= 5) {
      chooser = document.createElement("details");
      chooser.className = "llm-columns";
      const summary = document.createElement("summary");
      summary.textContent = "Columns";
      chooser.append(summary);
      heads.forEach((th, i) => {
        if (i === 0) return; // the name always shows
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.checked = !hidden.has(i);
        box.dataset.column = String(i);
        box.addEventListener("change", () => {
          if (box.checked) hidden.delete(i); else hidden.add(i);
          applyColumns();
          if (input.value.trim()) apply(); else save();
        });
        label.append(box, ` ${th.textContent.trim()}`);
        chooser.append(label);
      });
    }

    let csv = null;
    if (tools) {
      csv = document.createElement("button");
      csv.type = "button";
      csv.className = "btn btn-sm btn-outline-secondary llm-csv";
      csv.textContent = "Download these rows (CSV)";
      csv.addEventListener("click", () => {
        const shownColumns = heads.map((_, i) => i).filter((i) => !hidden.has(i));
        const lines = [shownColumns.map((i) => csvCell(heads[i].textContent.trim())).join(",")];
        for (const r of matched) lines.push(shownColumns.map((i) => csvCell(cellText(r, i))).join(","));
        const blob = new Blob([`${lines.join("\r\n")}\r\n`], { type: "text/csv" });
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = `${slug(tableName(table)) || "rows"}.csv`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      });
    }

    let restoring = true;
    function save() {
      if (restoring) return;
      const state = { "": input.value.trim(), sort: sortState };
      for (const f of facets) state[f.name] = f.select.value;
      for (const g of ranges) {
        const lo = g.lo.value.trim();
        const hi = g.hi.value.trim();
        state[g.name] = lo || hi ? `${lo}..${hi}` : "";
      }
      const defaults = heads.flatMap((th, i) => (th.classList.contains("llm-optional") ? [i] : []));
      const changed = hidden.size !== defaults.length || defaults.some((i) => !hidden.has(i));
      state.columns = changed ? heads.flatMap((th, i) => (hidden.has(i) ? [] : [slug(th.textContent)])).join(",") : "";
      saveState(prefix, state);
    }

    function restore() {
      input.value = params.get(prefix) || "";
      for (const f of facets) {
        const v = params.get(`${prefix}.${f.name}`);
        if (v !== null && Array.from(f.select.options).some((o) => o.value === v)) f.select.value = v;
      }
      for (const g of ranges) {
        const [lo, hi] = (params.get(`${prefix}.${g.name}`) || "..").split("..");
        g.lo.value = lo || "";
        g.hi.value = hi || "";
      }
      const columns = params.get(`${prefix}.columns`);
      if (columns !== null) {
        const wanted = new Set(columns.split(","));
        heads.forEach((th, i) => { if (i) { if (wanted.has(slug(th.textContent))) hidden.delete(i); else hidden.add(i); } });
        chooser?.querySelectorAll("input").forEach((b) => { b.checked = !hidden.has(Number(b.dataset.column)); });
      }
      const sort = params.get(`${prefix}.sort`);
      if (sort) {
        const [name, dir] = sort.split(":");
        const column = heads.findIndex((th) => slug(th.textContent) === name);
        if (column >= 0) sortBy(column, dir === "desc" ? -1 : 1);
      }
    }

    const scroller = table.closest(".pst-scrollable-table-container");
    const name = tableName(table);
    document.head.append(style);
    box.insertBefore(input, box.firstChild);
    // On a phone the menus take a whole screen: they fold under one "Filters" line, which
    // says how many are set. Wider windows always show them.
    let fold = null;
    if (facets.length || ranges.length) {
      fold = document.createElement("details");
      fold.className = "llm-facets-fold";
      const summary = document.createElement("summary");
      fold.append(summary, facetBox);
      const wide = window.matchMedia("(min-width: 768px)");
      const count = () => facets.filter((f) => f.select.value).length +
        ranges.filter((g) => g.lo.value.trim() || g.hi.value.trim()).length;
      const label = () => {
        const set = count();
        summary.textContent = set ? `Filters (${set} set)` : "Filters";
      };
      const sync = () => { if (wide.matches || count()) fold.open = true; else if (!fold.dataset.touched) fold.open = false; };
      summary.addEventListener("click", () => { fold.dataset.touched = "1"; });
      facetBox.addEventListener("change", label);
      facetBox.addEventListener("input", label);
      wide.addEventListener("change", sync);
      fold.llmSync = () => { label(); sync(); };
    }
    let after = input;
    for (const extra of [fold, chooser, csv]) {
      if (!extra) continue;
      box.insertBefore(extra, after.nextSibling);
      after = extra;
    }
    box.insertBefore(status, scroller || table);
    if (paged) box.appendChild(pager);
    restore();
    applyColumns();
    apply();
    fold?.llmSync();
    restoring = false;
    const update = () => reachable(scroller, name);
    update();
    // Filtering and paging change the table's height; so does the window.
    input.addEventListener("input", apply);
    input.addEventListener("input", update);
    facetBox.addEventListener("change", update);
    pager.addEventListener("click", update);
    window.addEventListener("resize", update);
  }

  function init() { document.querySelectorAll(".llm-table-box").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
