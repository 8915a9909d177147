"""``pocketguide/theme``: Material's look, with the guide's own small script for its bundle."""
