"""Repository-wide pytest setup: collect the YAML policy scenarios (src/pantau/policies)."""

pytest_plugins = ["pantau.rules.scenario_plugin"]
