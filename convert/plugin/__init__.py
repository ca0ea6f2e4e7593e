"""The plugin machinery: the hook specifications, the contract objects plugins
register (formats, transforms), fast entry-point discovery and the loader
that isolates a broken plugin."""
