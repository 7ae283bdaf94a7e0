"""Event handlers: load the catalog once per build, keep stubs, charts and downloads in step,
tell Sphinx which pages an edited card makes stale, and add page assets only where needed.

Which pages are stale comes from what each page read (see `llmcatalog.catalog.reads`): a
page is read again exactly when an answer it was given has changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..catalog.reads import NEIGHBOURS, Read, read_key
from ..catalog.store import load_catalog
from ..render.inline import card_refs
from ..schema import KINDS
from . import assets
from .config import AssetSource, LLMConfig
from .directives.lineage import section_title
from .directives.page import explained_in
from .domain import FAMILY, MENTION, BuildData, LLMDomain
from .fieldtree import field_tree_node
from .generated import CHARTS_DIR, DATA_DIR, refresh_charts, refresh_downloads
from .gitdates import git_dates
from .graphnode import lineage_diagram
from .linklist import link_list
from .pages import sync_pages
from .state import CardKey, CardState, card_state, changed_reads
from .tablenode import catalog_table
from .warnings import Warn, warn

logger = logging.getLogger(__name__)


def llm_domain(env: BuildEnvironment) -> LLMDomain:
    return cast(LLMDomain, env.domains["llm"])


def load_and_sync(app: Sphinx) -> None:
    config = LLMConfig.of(app.config)
    root = config.catalog_root(app.confdir)
    if not root.is_dir():
        warn(Warn.CONFIG, "llmcatalog: catalog folder not found: %s", root)
    catalog = load_catalog(root)
    for problem in catalog.problems:
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        location = f"{Path(problem.path).resolve()}:{problem.line}"
        subtype = Warn.CARD_ERROR if problem.severity == "error" else Warn.CARD_WARNING
        warn(subtype, "%s [%s]", message, problem.code, location=location)
    changed = git_dates(root) if config.git_dates else {}
    added = git_dates(root, first=True) if config.git_dates else {}
    domain = llm_domain(app.env)
    data = BuildData(catalog, changed, added)
    domain.build = data
    # What changed since the last build, as reads: drives stale pages, charts and downloads.
    current: dict[CardKey, CardState] = {}
    for entry in catalog.all_entries():
        key = (entry.card.card_kind, entry.card.id)
        current[key] = card_state(entry.card, changed.get(key, ""))
    previous = domain.cards
    touched: set[Read] = set()
    for key in current.keys() | previous.keys():
        touched |= changed_reads(key, previous.get(key), current.get(key))
    # Previous/next links: touch "the neighbours of X" for every card whose neighbours moved.
    order = {kind: catalog.neighbours(kind) for kind in KINDS}
    for kind, now in order.items():
        before = domain.neighbours.get(kind, {})
        touched.update(
            read_key(kind, NEIGHBOURS, card_id)
            for card_id in now.keys() | before.keys()
            if now.get(card_id) != before.get(card_id)
        )
    domain.neighbours.clear()
    domain.neighbours.update(order)
    first_build = not app.env.all_docs
    data.touched = None if first_build else touched
    domain.cards.clear()
    domain.cards.update(current)

    srcdir = Path(app.srcdir)
    written, removed = sync_pages(catalog, srcdir, config.pages_dir)
    if written or removed:
        logger.info("llmcatalog: %d page stub(s) written, %d removed", written, removed)
    refresh_downloads(catalog, srcdir / config.pages_dir / DATA_DIR, domain.stamps, bool(touched))
    if app.builder.format == "html":
        # Charts no page showed are not drawn; a page that starts showing one draws it then.
        used = {n for names in domain.charts.values() for n in names}
        refresh_charts(
            catalog, srcdir / config.pages_dir / CHARTS_DIR, used, domain.chart_reads, data.touched
        )


def start_reading_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """The first event of every page read: a parallel reader trims its data first."""
    llm_domain(app.env).start_reader()


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages to read again because something they read from the catalog changed."""
    domain = llm_domain(env)
    touched = domain.current().touched
    if not touched:
        return []
    stale = {doc for doc, reads in domain.uses.items() if not reads.isdisjoint(touched)}
    stale &= env.found_docs
    if stale:
        logger.info("llmcatalog: %d page(s) show changed cards", len(stale))
    return sorted(stale - changed - added)


def _refers(node: nodes.Node) -> bool:
    """What `record_references` looks at (a findall() condition)."""
    return isinstance(
        node, (pending_xref, catalog_table, link_list, lineage_diagram, field_tree_node)
    )


def record_references(app: Sphinx, doctree: nodes.document) -> None:
    """A link to a card shows the card's name (unless the text is given) and whether it
    exists: note those reads for the page, wherever the link came from (essay roles, tables,
    diagrams)."""
    env = app.env
    reads: set[Read] = set()
    mentions: set[CardKey] = set()
    families: set[str] = set()
    # One walk of the page: card pages are many, and each walk visits every node.
    for node in doctree.findall(_refers):
        if isinstance(node, pending_xref):
            if node.get("refdomain") != "llm":
                continue
            kind, target = node.get("reftype", ""), node.get("reftarget", "")
            if kind == FAMILY:  # resolved at writing; see rewrite_for_references
                families.add(target)
                continue
            if node.get(MENTION):
                mentions.add((kind, target))
            reads.add(read_key(kind, "id", target))
            if not node.get("refexplicit"):
                reads.add(read_key(kind, "name", target))
        elif isinstance(node, (catalog_table, link_list)):
            contents = (
                [parts for cells in node["rows"] for parts in cells]
                if isinstance(node, catalog_table)
                else [parts for _, parts in node["items"]]
            )
            for parts in contents:
                for kind, card_id, shows_name in card_refs(parts):
                    reads.add(read_key(kind, "id", card_id))
                    if shows_name:
                        reads.add(read_key(kind, "name", card_id))
        elif isinstance(node, lineage_diagram):
            for kind, card_id in node["links"].values():
                reads.add(read_key(kind, "id", card_id))
        else:
            # The tree of the field names each family by its tree's title, found at writing.
            families |= {n["family"] for n in node["data"]["nodes"] if n["family"]}
    domain = llm_domain(env)
    title_family_trees(domain, env.docname, doctree)
    if reads:
        domain.note_uses(env.docname, reads)
    if mentions:
        domain.mentions[env.docname] = mentions
    if families:
        domain.family_refs[env.docname] = families


def title_family_trees(domain: LLMDomain, docname: str, doctree: nodes.document) -> None:
    """A family tree is named by the section it is drawn in ("Llama and its derivatives")."""
    trees = domain.families.get(docname, {})
    for family, (target, fallback) in trees.items():
        node = doctree.ids.get(target)
        trees[family] = (target, section_title(node) or fallback)


def rewrite_for_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages to write again, unread, because what they link to at writing time moved.

    "Explained in" lists other pages' references to a card and their titles, and a "Family"
    row links to whichever page draws the family's tree. Both are known only once every
    page is read, so they are filled in at writing (`fill_explained_in`, the domain's
    resolver) rather than recorded as reads: a page's reads must be known before reading,
    and an essay's new references are not. Comparing with what the last build wrote tells
    which pages are stale."""
    domain = llm_domain(env)
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    stale: set[str] = set()
    for key, (docname, _, _) in domain.objects.items():
        if key[0] != "technique":
            continue
        listed = domain.mentioned_in(key, titles)
        if domain.explained.get(key) != listed:
            domain.explained[key] = listed
            stale.add(docname)
    trees = {f: domain.family_tree(f) for trees in domain.families.values() for f in trees}
    for family in trees.keys() | domain.trees.keys():
        if trees.get(family) != domain.trees.get(family):
            stale |= {d for d, fams in domain.family_refs.items() if family in fams}
    domain.trees.clear()
    domain.trees.update({f: t for f, t in trees.items() if t is not None})
    return sorted(stale & env.found_docs)


def fill_explained_in(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each "Explained in" placeholder with links to the pages citing the card."""
    placeholders = list(doctree.findall(explained_in))
    if not placeholders:
        return
    domain = llm_domain(app.env)
    # Only the citing pages' titles are needed: all of them, for every card page, would make
    # the write phase quadratic in the number of pages.
    env_titles = app.env.titles
    titles = {doc: env_titles[doc].astext() for doc in domain.mentions if doc in env_titles}
    for node in placeholders:
        cited = domain.mentioned_in(node["card_key"], titles)
        listed = [(doc, title) for doc, title in cited if doc != fromdocname]
        if not listed:
            node.parent.remove(node)
            continue
        para = nodes.paragraph(classes=["llm-explained-in"])
        para += nodes.strong("Explained in", "Explained in")
        para += nodes.Text(": ")
        for i, (docname, title) in enumerate(listed):
            if i:
                para += nodes.Text(", ")
            text = nodes.inline(title, title)
            para += make_refnode(app.builder, fromdocname, docname, "", text, title)
        node.replace_self(para)


def publish_std_labels(app: Sphinx, doctree: nodes.document) -> None:
    """Each card defined on this page also becomes a `std:label` (`llm-model-llama-2`), so a
    project without llmcatalog installed can link to it with intersphinx:
    ``:external+llmcatalog:ref:`llm-model-llama-2```. The std domain clears and merges
    these per page like any label."""
    env = app.env
    domain = llm_domain(env)
    std = cast(StandardDomain, env.get_domain("std"))
    for key in domain.defined.get(env.docname, ()):
        found = domain.objects.get(key)
        if found is None or found[0] != env.docname:
            continue
        docname, target, name = found
        std.anonlabels[target] = (docname, target)
        std.labels[target] = (docname, target, f"{name} ({key[0]})")


def warn_missing(app: Sphinx, domain: Any, node: pending_xref) -> bool | None:
    """One warning for an unknown card id, with a suggestion, after intersphinx had its try."""
    if getattr(domain, "name", None) != "llm" or not isinstance(domain, LLMDomain):
        return None
    kind, target = node.get("reftype", ""), node.get("reftarget", "")
    warn(Warn.REF, "unknown %s '%s'%s", kind, target, domain.hint(kind, target), location=node)
    return True


# Below this many pages to read (or a tenth of the site, if more), one process reads them.
FEW_PAGES = 10


def serial_for_few_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """With -j, Sphinx forks workers even for two pages, and each worker pickles the whole
    environment back to the main process: about a second at 1,000 cards, ten at 10,000. For
    an edit that re-reads a few pages, reading and writing them here is several times
    faster; a full build still uses every core."""
    if app.parallel > 1 and len(docnames) < max(FEW_PAGES, len(env.all_docs) // 10):
        logger.info("llmcatalog: %d page(s) to read: one process is faster", len(docnames))
        llm_domain(env).saved_jobs = app.parallel
        app.parallel = 1


def restore_jobs(app: Sphinx, exception: Exception | None) -> None:
    domain = llm_domain(app.env)
    if domain.saved_jobs is not None:
        app.parallel = domain.saved_jobs
        domain.saved_jobs = None


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Table and diagram scripts only on pages that have a catalog table or diagram."""
    if pagename == "search":
        app.add_js_file("llmcatalog-search.js", defer="defer")
    if doctree is None:
        return
    # One walk of the page for the classes of its boxes and figures (a chart's figure holds
    # its live spec).
    boxes: set[str] = set()
    for node in doctree.findall(lambda n: isinstance(n, (nodes.container, nodes.figure))):
        boxes.update(node["classes"])
    for box, script in (
        ("llm-table-box", "llmcatalog-tables.js"),
        ("llm-comparator", "llmcatalog-compare.js"),
    ):
        if box in boxes:
            app.add_js_file(script, defer="defer")
    for box, script in (
        ("llm-graph", "llmcatalog-graph.js"),
        ("llm-chart", "llmcatalog-charts.js"),
    ):
        if box in boxes:
            app.add_js_file(script, type="module")
    if "llm-fieldtree" in boxes:
        # ELK (1.6 MB) downloads and compiles while the page is still being read; the tree's
        # module runs after it, in document order, and finds it ready.
        local = LLMConfig.of(app.config).mermaid is AssetSource.LOCAL
        elk = "elk/elk.bundled.js" if local else assets.ELKJS_CDN
        app.add_js_file(elk, defer="defer")
        app.add_js_file("llmcatalog-fieldtree.js", type="module")
