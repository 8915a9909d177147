"""``pocketguide/search``: Material's search index, made to find what people type."""
