"""Provides the Textual review app: the app, its screens, widgets, messages and the single review writer."""
