"""Mosaic Studio's model toolkit: a small decoder, mosaic-kv-v1 ONNX export, precision variants and training helpers."""
