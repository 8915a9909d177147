"""``pocketguide/minify``: smaller HTML and CSS in the built site."""
