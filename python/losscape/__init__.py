"""losscape's Python side.

``losscape.Scene`` is the engine itself (the compiled module ``losscape._engine``): scenes, their runs as numpy
arrays, their pictures, Jupyter's inline pictures (see ``losscape.scene``). And ``losscape.landscape``: compute
the loss surface of a PyTorch network on a 2D slice of its weight space (Li et al., NeurIPS 2018) and write it in
the HDF5 layout that the program opens (``losscape SURFACE.h5``). Importing ``losscape`` itself imports nothing
heavy: numpy and the module come with the first use of an engine name, torch only with the landscape modules.
"""

# The engine's names, imported on first use so that `import losscape` stays light and works without the compiled
# module (losscape.landscape needs none): using one without it raises an ImportError saying what to build.
_ENGINE_NAMES = {
    "Animation": "losscape.animation",
    "BasinMap": "losscape.basins",
    "BasinStatistics": "losscape.basins",
    "LearningRateSweep": "losscape.sweep",
    "Scene": "losscape.scene",
    "Trajectory": "losscape.scene",
    "TorchOptimizer": "losscape.torch_optimizer",
}


def __getattr__(name: str):
    """losscape.Scene, losscape.Trajectory and losscape.TorchOptimizer, from their modules when first asked for."""
    if name in _ENGINE_NAMES:
        import importlib

        return getattr(importlib.import_module(_ENGINE_NAMES[name]), name)
    raise AttributeError(f"module 'losscape' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_ENGINE_NAMES))
