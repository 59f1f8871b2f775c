"""Pages of the registry. Each list page has a JSON twin (`.json` or `?format=json`)."""
