#!/bin/sh
# Rebuilds the music packages from ../shared/data/music: train each model (one thread, bounded wall time), then export,
# verify, quantize, evaluate and write models/packages/<name>/1.0.0/. Usage: models/music-common/build-packages.sh [model...]
set -eu
cd "$(dirname "$0")/../.."
export PYTHONPATH=models/common:models/music-common
for model in ${*:-music-melody music-drums}; do
  mkdir -p "models/.work/$model"
  /usr/bin/python3 -m mosaic_music.train "models/$model" --threads 1 --max-minutes 75 | tee "models/.work/$model/train.log"
  /usr/bin/python3 -m mosaic_music.package "models/$model"
done
