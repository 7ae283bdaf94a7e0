// llmcatalog zoom and pan for drawn diagrams (lineage diagrams and the tree of the field).
//
// The box scrolls natively, so touch, trackpad, scroll wheel and the arrow keys pan it the
// way readers expect, and the page never loses its own scrolling to the diagram. Zooming
// resizes the SVG (its viewBox keeps it sharp) and keeps the point at the centre in place.
// Buttons sit in a toolbar above the box; the focused box also takes + - 0 and f.

const STEP = 1.25;

const natural = (svg) => {
  const box = svg.viewBox?.baseVal;
  if (box && box.width && box.height) return { width: box.width, height: box.height };
  const r = svg.getBBox();
  return { width: r.width, height: r.height };
};

// The rectangle of an element inside the SVG, in the SVG's own units (unscaled).
const svgRect = (svg, el) => {
  const outer = svg.getBoundingClientRect();
  const inner = el.getBoundingClientRect();
  const scale = outer.width / natural(svg).width || 1;
  return {
    left: (inner.left - outer.left) / scale,
    top: (inner.top - outer.top) / scale,
    width: inner.width / scale,
    height: inner.height / scale,
  };
};

const union = (rects) => {
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.left + r.width));
  const bottom = Math.max(...rects.map((r) => r.top + r.height));
  return { left, top, width: right - left, height: bottom - top };
};

const button = (label, text, action) => {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "llm-zoom-button";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.title = label;
  b.addEventListener("click", action);
  return b;
};

// Make `box` (which holds `svg`) zoomable. `readable` is the smallest scale at which labels
// stay at least 10 px tall; the first view never goes below it, though "fit" may.
export function zoomable(box, svg, { readable = 0.625, show = null, name = "Diagram" } = {}) {
  // A redraw (e.g. after the colour mode changed) brings a new SVG: replace the old toolbar.
  const old = box.previousElementSibling;
  if (old?.classList.contains("llm-zoom-bar")) old.remove();
  const size = natural(svg);
  let scale = 1;
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.style.maxWidth = "none";
  svg.style.width = `${size.width}px`;
  svg.style.height = `${size.height}px`;
  box.classList.add("llm-zoomable");

  const percent = document.createElement("output");
  percent.className = "llm-zoom-level";
  percent.setAttribute("aria-live", "polite");

  const apply = (next, centre) => {
    const view = centre ?? {
      x: (box.scrollLeft + box.clientWidth / 2) / scale,
      y: (box.scrollTop + box.clientHeight / 2) / scale,
    };
    scale = Math.min(4, Math.max(0.05, next));
    svg.style.width = `${size.width * scale}px`;
    svg.style.height = `${size.height * scale}px`;
    box.scrollLeft = view.x * scale - box.clientWidth / 2;
    box.scrollTop = view.y * scale - box.clientHeight / 2;
    percent.textContent = `${Math.round(scale * 100)} %`;
    box.dataset.llmScale = scale.toFixed(3);
  };
  const fitScale = () => Math.min(1, box.clientWidth / size.width, box.clientHeight / size.height);
  const fit = () => apply(fitScale(), { x: size.width / 2, y: size.height / 2 });
  const actions = {
    in: () => apply(scale * STEP),
    out: () => apply(scale / STEP),
    actual: () => apply(1),
    fit,
  };

  const bar = document.createElement("div");
  bar.className = "llm-zoom-bar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", `${name}: zoom`);
  bar.append(
    button("Zoom out", "−", actions.out),
    button("Zoom in", "+", actions.in),
    button("Fit the whole diagram", "Fit", actions.fit),
    button("1:1, actual size", "1:1", actions.actual),
    percent,
  );
  box.before(bar);

  box.addEventListener("keydown", (e) => {
    if (e.target !== box || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = { "+": "in", "=": "in", "-": "out", _: "out", 0: "actual", f: "fit" }[e.key];
    if (!key) return;
    e.preventDefault();
    actions[key]();
  });

  // Drag with the mouse to pan (touch already scrolls natively). A drag that moved is not
  // a click, so it does not open the card under the pointer.
  let drag = null;
  box.addEventListener("pointerdown", (e) => {
    if (e.pointerType !== "mouse" || e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, left: box.scrollLeft, top: box.scrollTop, moved: false };
  });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    box.classList.add("llm-dragging");
    box.scrollLeft = drag.left - dx;
    box.scrollTop = drag.top - dy;
  });
  window.addEventListener("pointerup", () => {
    if (drag?.moved) {
      box.addEventListener("click", (e) => { e.stopPropagation(); e.preventDefault(); },
        { capture: true, once: true });
    }
    drag = null;
    box.classList.remove("llm-dragging");
  });

  // First view: natural size if it fits, the whole if it fits at a readable size; else the
  // elements in `show` (the current model and its direct relatives, or the oldest model) as
  // large as fits, never below the readable scale, centred.
  const first = () => {
    if (size.width <= box.clientWidth && size.height <= box.clientHeight) return apply(1);
    const targets = (show ?? []).filter(Boolean);
    if (fitScale() >= readable) return fit();
    if (!targets.length) return apply(1, { x: 0, y: 0 });
    const area = union(targets.map((el) => svgRect(svg, el)));
    const wanted = Math.min(1, (box.clientWidth - 16) / area.width, (box.clientHeight - 16) / area.height);
    const main = svgRect(svg, targets[0]);
    const next = Math.max(wanted, readable);
    // If the relatives do not all fit at a readable size, centre the current model itself.
    const around = wanted >= readable ? area : main;
    const centre = { x: around.left + around.width / 2, y: around.top + around.height / 2 };
    // apply() centres on a point; place it only after the new size is laid out.
    apply(next, centre);
  };
  first();
  return { apply, get scale() { return scale; } };
}
