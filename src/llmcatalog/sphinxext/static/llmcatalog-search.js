// llmcatalog search: one result per page. Sphinx lists a card twice or three times (its page
// text, its index entry, its object entry); this keeps each page's best-scoring result, shown
// as the page with the snippet of text that matched. It wraps Search._performSearch, which
// Sphinx's searchtools.js (loaded before this deferred script) defines and Search.init calls
// once the page is ready. A card's own entry (its name or an alias, anchored at the card)
// gets a small lead over other pages' entries for the same words, such as a glossary term.
const CARD_LEAD = 10;
(() => {
  "use strict";
  // searchtools.js declares `const Search` at the top level: a global binding, not a
  // property of window.
  const search = typeof Search === "undefined" ? undefined : Search; // eslint-disable-line no-undef
  if (!search || typeof search._performSearch !== "function") return;
  const original = search._performSearch;
  search._performSearch = (...args) => {
    const results = original(...args);
    const index = search._index;
    const best = new Map();
    for (const found of results) {
      const result = found[2].startsWith("#llm-") ? [...found.slice(0, 4), found[4] + CARD_LEAD, ...found.slice(5)] : found;
      const kept = best.get(result[0]);
      if (!kept || result[4] > kept[4]) best.set(result[0], result);
    }
    // Results are shown from the end of the list: keep Sphinx's order, one entry per page.
    const out = [];
    const seen = new Set();
    for (let i = results.length - 1; i >= 0; i -= 1) {
      const doc = results[i][0];
      if (seen.has(doc)) continue;
      seen.add(doc);
      const [docName, , anchor, , score, filename] = best.get(doc);
      const file = index.docnames.indexOf(docName);
      const title = file >= 0 ? index.titles[file] : docName;
      // As a page result: its title, and (no description) the snippet Sphinx fetches.
      out.push([docName, title, anchor.startsWith("#llm-") ? "" : anchor, null, score, filename, "title"]);
    }
    out.sort((a, b) => (a[4] === b[4] ? (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : 0) : a[4] - b[4]));
    return out;
  };
})();
