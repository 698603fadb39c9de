"""Small throwaway decoders and folders for the toolkit's tests (importable because unittest puts tests/ on sys.path)."""
from pathlib import Path
import sys
import tempfile

import torch

COMMON = Path(__file__).resolve().parents[1]
REPO_ROOT = COMMON.parents[1]
FIXTURES = REPO_ROOT / "models" / "fixtures"
if str(COMMON) not in sys.path:
    sys.path.insert(0, str(COMMON))

from mosaic_models.transformer import Decoder, DecoderConfig  # noqa: E402

torch.set_num_threads(2)


def small_decoder(seed: int = 0, weight_scale: float = 0.3, **overrides) -> Decoder:
    """A random decoder with weights large enough that logits spread over several units (so parity checks bite)."""
    torch.manual_seed(seed)
    settings = dict(vocab_size=40, d_model=32, n_layers=2, n_heads=4, d_ff=64, max_positions=48)
    settings.update(overrides)
    model = Decoder(DecoderConfig(**settings))
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "ln_" not in name:
                parameter.normal_(0.0, weight_scale)
    return model.eval()


def temporary_folder(test_case) -> Path:
    """A folder removed when the test (or, given a TestCase class, the whole class) finishes."""
    folder = tempfile.TemporaryDirectory()
    (test_case.addClassCleanup if isinstance(test_case, type) else test_case.addCleanup)(folder.cleanup)
    return Path(folder.name)
