"""The ``pocketguide/content`` plugin: numbered sources, review dates, strict front matter."""
