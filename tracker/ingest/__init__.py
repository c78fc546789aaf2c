"""ingest: figure files read (readers), checked (cells, validate) and stored (importer); feeds."""
