"""fast_cpu_kernels: oneDNN's linear and max pooling give torch's values; what does not qualify is left alone."""

import pytest
import torch
import torch.nn.functional as F

from losscape.landscape.cpu_kernels import fast_cpu_kernels, onednn_available

CALLS = [
    lambda x: F.linear(x, W, B),
    lambda x: F.linear(x, W),
    lambda x: torch.nn.Linear(4, 6)(x) * 0 + F.linear(x, weight=W, bias=B),
    lambda x: torch.nn.MaxPool2d(2)(x),
    lambda x: F.max_pool2d(x, (2, 3), stride=1, padding=1, ceil_mode=True),
    lambda x: torch.nn.MaxPool2d(3, 2, 1, dilation=1)(x),
    lambda x: F.max_pool2d(-x.abs(), 3, 2, 1, dilation=2),  # negative values beside the padding
    lambda x: F.max_pool2d(x.transpose(2, 3), 2),  # not contiguous
    lambda x: F.max_pool2d(x, 2, return_indices=True)[1].float(),  # indices: not redirected
    lambda x: F.linear(x.double(), W.double(), B.double()).float(),  # float64: not redirected
]
W = torch.randn(6, 4, generator=torch.Generator().manual_seed(1))
B = torch.randn(6, generator=torch.Generator().manual_seed(2))


def test_onednn_is_there():
    assert onednn_available()  # Debian's torch has it; without it the surface would be several times slower


@pytest.mark.parametrize("index", range(len(CALLS)))
def test_same_values_as_torch(index):
    torch.manual_seed(0)
    x = torch.randn(5, 7, 9, 4)
    with torch.inference_mode():
        torch.manual_seed(3)
        expected = CALLS[index](x)
        with fast_cpu_kernels():
            torch.manual_seed(3)
            got = CALLS[index](x)
    assert got.shape == expected.shape and got.is_contiguous()
    torch.testing.assert_close(got, expected, rtol=1e-6, atol=1e-6)


def test_gradients_still_flow_outside_inference():
    x = torch.randn(3, 4, requires_grad=True)
    with fast_cpu_kernels():
        F.linear(x, W, B).sum().backward()
    torch.testing.assert_close(x.grad, W.sum(0).expand(3, 4))


@pytest.mark.parametrize("call, words", [
    (lambda x: F.max_pool2d(x, 5), "too small"),
    (lambda x: F.linear(x, torch.randn(6, 3)), "cannot be multiplied"),
])
def test_what_torch_refuses_is_refused_in_torchs_words(call, words):
    x = torch.randn(5, 7, 9, 4)
    with torch.inference_mode(), fast_cpu_kernels(), pytest.raises(RuntimeError, match=words):
        call(x)
