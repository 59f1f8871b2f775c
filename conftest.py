"""Repository-wide pytest setup: collect the YAML scenarios of the policies
(src/pantau/policies) and of the procedure regimes (src/pantau/procedure)."""

pytest_plugins = ["pantau.rules.scenario_plugin", "pantau.rules.procedure_plugin"]
