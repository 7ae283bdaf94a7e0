"""Pure rendering: catalog data -> docutils nodes, Mermaid text and chart files.

Nothing here holds Sphinx application state, so every function is testable on its own.
"""
