"""Provides the application services: the ingest pipeline, triage and shards, joining sources, domain and storage for the CLI and the UI."""
