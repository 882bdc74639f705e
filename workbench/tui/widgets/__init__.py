"""Provides the review app's widgets: the claims table, the detail pane, the article view, the filter bar and status line."""
