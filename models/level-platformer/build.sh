#!/bin/sh
# Rebuilds one version of the level-platformer package from the VGLC corpus: train, compare tokenizations, package,
# evaluate. Each released version has its recipe in recipes/<version>.json (training arguments, card text, where its
# reports live); 1.0.0's recipe retrains 1.0.0's weights exactly (its packaged graph matches them in onnxruntime-node).
# Run from the repository root: sh models/level-platformer/build.sh [VERSION] [--skip-comparison]
# (VERSION defaults to the newest recipe; it is evaluated side by side with 1.0.0. 1.0.0 is frozen: build.sh 1.0.0
# retrains it and checks the released graph against the retrained weights, rewriting nothing.)
set -eu
here=models/level-platformer
export PYTHONPATH=models/common:$here
python=/usr/bin/python3
version=$($python -c "from package_level import newest_version; print(newest_version())")
case "${1:-}" in [0-9]*) version=$1; shift ;; esac
$python -c "from train_level import read_recipe; read_recipe('$version')"
package=models/packages/level-platformer/$version
mkdir -p $here/.work
# 1. The model: recipes/$version.json's arguments on one thread (1.0.0: 2 layers, d_model 128, 400 steps, about a
#    CPU-minute; 1.1.0 the same with one key/value head). The checkpoint and training.json go to .work/$version.
[ -f $here/.work/$version/checkpoint.pt ] || $python $here/train_level.py --recipe $version > $here/.work/$version.log
# 2. The tokenization comparison: the same 4-layer decoder on 32-column windows, 12 CPU-minutes per tokenization.
if [ "${1:-}" != "--skip-comparison" ]; then
  for kind in column tile; do
    [ -f $here/.work/compare-$kind/checkpoint.pt ] || $python $here/train_level.py --tokenization $kind \
      --window-min 32 --window-max 32 --eval-window 32 --steps 100000 --max-minutes 12 --eval-every 20 \
      --out $here/.work/compare-$kind > $here/.work/compare-$kind.log
  done
  $python $here/compare_tokenizations.py
fi
# 3. A frozen (released) version's package is never rewritten: the retrained weights are checked against its graph in
#    onnxruntime-node instead, and the build stops there.
if $python -c "from train_level import read_recipe; raise SystemExit(0 if read_recipe('$version').get('frozen') else 1)"; then
  $python -c "
import json
from mosaic_models.export import verify_export
from train_level import load_checkpoint
model, _, _ = load_checkpoint('$here/.work/$version')
report = verify_export(model, '$package/model.onnx')
print(json.dumps({'released graph matches the retrained weights': report['ok'], 'maxAbsDiff': report['maxAbsDiff']}))
raise SystemExit(0 if report['ok'] else 1)"
  exit 0
fi
#    Otherwise the package: graph (verified against torch in onnxruntime-node), int8 variant, vocabulary, card, manifest.
$python $here/package_level.py --version $version
# 4. The int8 variant against fp32 on held-out windows (written by package_level.py).
variants=$($python -c "from package_level import report_paths; print(report_paths('$version')['variants'])")
mkdir -p "$(dirname "$variants")"
node --import tsx models/tools/compare-variants.ts $package/model.onnx $package/model.int8-dynamic.onnx \
  --heldout $here/.work/heldout.json --out "$variants" --prompt 32 --steps 64 --batches 1,4 --repeats 5 --max-tokens 105
# 5. Speed through the inference host (needs the built host; every bundled version, seed by seed in turn), then the
#    metrics over 200 levels through the real pipeline; the second rewrites the card and the manifest's evaluation.
node build/build.mjs --main-only
node --import tsx $here/record-bench.ts --versions 1.0.0,$version
node --import tsx $here/evaluate-levels.ts --version $version
