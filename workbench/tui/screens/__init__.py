"""Provides the review app's screens: the queue, the article, lists of articles and speakers, dialogs."""
