"""``pocketguide/csp``: a Content-Security-Policy on every page, inline code allowed by hash."""
