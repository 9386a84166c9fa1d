"""Reading files of fact-checks published by others (app.factchecks)."""
