#!/bin/sh
# Rebuilds the level-platformer package from the VGLC corpus: train, compare tokenizations, package, evaluate.
# Run from the repository root: sh models/level-platformer/build.sh [--skip-comparison]
set -eu
here=models/level-platformer
export PYTHONPATH=models/common:$here
python=/usr/bin/python3
# 1. The final model: 2 layers, d_model 128, 400 steps on one thread (about 6 CPU-minutes).
[ -f $here/.work/final/checkpoint.pt ] || $python $here/train_level.py --layers 2 --dropout 0.3 --weight-decay 0.1 \
  --steps 400 --eval-every 25 --eval-window 64 --out $here/.work/final > $here/.work/final.log
# 2. The tokenization comparison: the same 4-layer decoder on 32-column windows, 12 CPU-minutes per tokenization.
if [ "${1:-}" != "--skip-comparison" ]; then
  for kind in column tile; do
    [ -f $here/.work/compare-$kind/checkpoint.pt ] || $python $here/train_level.py --tokenization $kind \
      --window-min 32 --window-max 32 --eval-window 32 --steps 100000 --max-minutes 12 --eval-every 20 \
      --out $here/.work/compare-$kind > $here/.work/compare-$kind.log
  done
  $python $here/compare_tokenizations.py
fi
# 3. The package: graph (verified against torch in onnxruntime-node), int8 variant, vocabulary, card, manifest.
$python $here/package_level.py
# 4. The int8 variant against fp32 on held-out windows (written by package_level.py).
node --import tsx models/tools/compare-variants.ts models/packages/level-platformer/1.0.0/model.onnx \
  models/packages/level-platformer/1.0.0/model.int8-dynamic.onnx --heldout $here/.work/heldout.json \
  --out $here/variants-report.json --prompt 32 --steps 64 --batches 1,4 --repeats 5 --max-tokens 105
# 5. Speed through the inference host (needs the built host), then the metrics over 200 levels through the real
#    pipeline; the second rewrites the card and the manifest's evaluation.
node build/build.mjs --main-only
node --import tsx $here/record-bench.ts
node --import tsx $here/evaluate-levels.ts
