// Stand-in that a part's tsconfig maps a forbidden import to (electron, onnxruntime-node, node:*):
// any named import from it fails to type-check, so the dependency lines in DESIGN.md hold.
export {};
