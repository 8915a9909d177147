"""The ``pocketguide/share`` plugin: Share dialog with a build-time QR code, Emergency link,
and the dates behind the stale-content notice."""
