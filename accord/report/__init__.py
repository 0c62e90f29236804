"""Reports: a versioned JSON document for machines and a self-contained HTML page for people."""
