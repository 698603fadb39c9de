"""Mosaic Studio's music models: the remi-v1 tokenizer mirror, corpora, training, metrics and packaging."""
