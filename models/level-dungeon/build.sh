#!/bin/sh
# Rebuilds one version of the level-dungeon package from the VGLC Zelda corpus: train, evaluate, package.
# Run from the repository root: sh models/level-dungeon/build.sh [VERSION]   (default 1.0.0)
# Deterministic from recipes/<VERSION>.json (split, model, training, seed; one torch thread). Needs ../shared/data
# (or MOSAIC_DATA), Debian's /usr/bin/python3 (torch, onnx) and node (the export is checked in onnxruntime-node).
set -eu
here=models/level-dungeon
export PYTHONPATH=models/common:$here
python=/usr/bin/python3
version=${1:-1.0.0}
mkdir -p $here/.work
# 1. The model (1.0.0: d_model 64, 2 layers, 4 heads, 1,500 steps, about 3 CPU-minutes): .work/$version/.
[ -f $here/.work/$version/training.json ] || $python $here/train_dungeon.py --recipe $version > $here/.work/$version.log
# 2. Card figures with the Python sampler: reports/$version/evaluation.json and sampling-sweep.json.
$python $here/evaluate_dungeon.py --version $version --sweep
# 3. The package: graph (verified against torch in onnxruntime-node), int8 variant, vocabulary, card, manifest.
$python $here/package_dungeon.py --version $version
# 4. Speed in onnxruntime-node, one intra-op thread: one room (batch 1) and a 12-room dungeon as one batch, fp32 and
#    int8; then the card and manifest again with these figures.
prompt=$($python -c "
import dungeon_data
from room_tokens import conditions_of, prompt_ids
room = next(r for r in dungeon_data.training_rooms() if dungeon_data.is_entrance(r))
print(','.join(map(str, prompt_ids(conditions_of(room.interior, room.doors, 'start')))))")
for precision in fp32 int8; do
  graph=models/packages/level-dungeon/$version/model.onnx
  [ $precision = int8 ] && graph=models/packages/level-dungeon/$version/model.int8-dynamic.onnx
  node --import tsx models/tools/sequence-timing.ts $graph --prompt "$prompt" --steps 85 --batches 1,12 --repeats 20 \
    > $here/reports/$version/ort-timing-$precision.json
done
$python $here/package_dungeon.py --version $version --refresh
# 5. The dungeons as the app delivers them (graph, rooms, agent, repairs; the independent Python recount): the card's
#    "As delivered" section and the manifest's card entry.
node --import tsx tests/bench/dungeon-quality.ts 200 --card
