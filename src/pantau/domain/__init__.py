"""The pure domain of pantau. Imports the standard library only (see STYLE.md, principle 1)."""
