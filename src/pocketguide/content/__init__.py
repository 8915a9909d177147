"""Pure, framework-free readers for the guide's content: front matter, citations, sources.

Nothing here imports MkDocs, so the validators and the ``pocketguide/content`` plugin share
one implementation, and every function can be tested on plain strings.
"""
