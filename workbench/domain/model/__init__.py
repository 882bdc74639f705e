"""Provides the learned attribution model: features, the tagger, training, fine-tuning and applying it."""
