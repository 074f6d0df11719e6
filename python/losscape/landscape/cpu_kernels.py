"""oneDNN kernels for the two operations that dominate small networks' inference on Debian's CPU torch.

Debian's python3-torch does its matrix products with the reference BLAS (libblas.so.3 from netlib: about
4 GFLOP/s here), and its NCHW max_pool2d computes indices even under inference_mode (about 20 times slower than
oneDNN's). torch ships oneDNN (``torch._C._nn.mkldnn_linear``, ``torch.mkldnn_max_pool2d``), which already serves
its CPU convolutions. Inside ``fast_cpu_kernels()`` calls of ``F.linear`` and ``F.max_pool2d`` on CPU float32
tensors that need no gradient go to oneDNN and come back as ordinary dense tensors, so the user's model runs
unchanged. Max pooling is exact; a linear layer equals BLAS's to float32 rounding (another summation order).
Everything else, and every call that does not qualify, runs as it would without the mode.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

_MAX_POOL2D_SIGNATURE = inspect.signature(F._max_pool2d)


def onednn_available() -> bool:
    """Whether this torch has oneDNN for CPU tensors (Debian's has)."""
    return torch.backends.mkldnn.is_available()


def _qualifies(tensor: Any) -> bool:
    return (isinstance(tensor, torch.Tensor) and tensor.device.type == "cpu" and tensor.dtype == torch.float32
            and not tensor.requires_grad and tensor.layout == torch.strided and tensor.numel() > 0)


def _linear(args: tuple, kwargs: dict) -> torch.Tensor | None:
    """F.linear(input, weight, bias) through oneDNN; None when it does not qualify."""
    bound = dict(zip(("input", "weight", "bias"), args), **kwargs)
    x, weight, bias = bound.get("input"), bound.get("weight"), bound.get("bias")
    if not (_qualifies(x) and _qualifies(weight) and weight.dim() == 2 and x.dim() >= 1
            and x.shape[-1] == weight.shape[1]):
        return None  # torch's own call then runs, or says in its words what does not fit
    if bias is not None and not (_qualifies(bias) and bias.shape == weight.shape[:1]):
        return None
    flat = x.reshape(-1, x.shape[-1]).contiguous()
    out = torch._C._nn.mkldnn_linear(flat.to_mkldnn(), weight.contiguous().to_mkldnn(), bias)
    return out.to_dense().reshape(*x.shape[:-1], weight.shape[0])


def _max_pool2d(args: tuple, kwargs: dict) -> torch.Tensor | None:
    """F.max_pool2d through oneDNN (without indices, 4D input); None when it does not qualify."""
    try:
        bound = _MAX_POOL2D_SIGNATURE.bind(*args, **kwargs).arguments
    except TypeError:
        return None
    x = bound["input"]
    if bound.get("return_indices", False) or not _qualifies(x) or x.dim() != 4:
        return None

    def pair(value: Any, default: Any) -> list[int]:
        value = default if value is None or value == [] or value == () else value
        return [int(value), int(value)] if isinstance(value, int) else [int(v) for v in value]

    kernel = pair(bound["kernel_size"], None)
    dilation = pair(bound.get("dilation", 1), 1)
    if dilation != [1, 1]:
        return None  # oneDNN's pooling has no dilation
    return torch.mkldnn_max_pool2d(x.contiguous().to_mkldnn(), kernel, pair(bound.get("stride"), kernel),
                                   pair(bound.get("padding", 0), 0), dilation,
                                   bool(bound.get("ceil_mode", False))).to_dense()


# the functions redirected, and how; one table so a new kernel is one line.
_KERNELS: dict[Callable[..., Any], Callable[[tuple, dict], torch.Tensor | None]] = {
    torch._C._nn.linear: _linear,
    F.linear: _linear,
    F.max_pool2d: _max_pool2d,
    F._max_pool2d: _max_pool2d,
}


class _OneDnn(TorchFunctionMode):
    def __torch_function__(self, func: Callable[..., Any], types: Any, args: tuple = (), kwargs: dict | None = None):
        kwargs = kwargs or {}
        kernel = _KERNELS.get(func)
        if kernel is not None:
            try:
                out = kernel(args, kwargs)
            except RuntimeError:  # a case oneDNN refuses: torch's own call computes it, or says what is wrong
                out = None
            if out is not None:
                return out
        return func(*args, **kwargs)


def fast_cpu_kernels() -> TorchFunctionMode:
    """A context in which linear layers and max pooling of CPU float32 tensors run on oneDNN."""
    return _OneDnn()
