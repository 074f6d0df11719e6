#!/usr/bin/env python3
"""Prints the polynomial colour-map fits used in shaders/colormap.glsl.

Each map is a least-squares polynomial in s = 2t - 1 (centred: small, well-conditioned
coefficients, so float32 in the shader loses nothing) over matplotlib's 256-entry table
(lib/matplotlib/_cm_listed.py: magma by Smith and van der Walt, CC0; cividis by Nunez, Anderton
and Renslow, PLOS ONE 2018; turbo by Mikhailov, Google 2019, Apache-2.0),
evaluated with Horner's rule in the shader: a handful of multiply-adds per fragment, no texture,
and smooth (no kinks to show as bands on a slope). Needs numpy and matplotlib (Debian:
python3-numpy python3-matplotlib); run it by hand when a map is added, paste the output.
"""
import numpy as np
from matplotlib import _cm_listed

DEGREE = 8  # degree 6 leaves turbo 0.11 off at its ends; 8 keeps every map within 0.045


def fit(name):
    table = np.array(getattr(_cm_listed, "_" + name + "_data"))
    s = np.linspace(-1.0, 1.0, len(table))  # s = 2t - 1: centred, so the coefficients stay small
    powers = np.vander(s, DEGREE + 1, increasing=True)
    coefficients, *_ = np.linalg.lstsq(powers, table, rcond=None)
    error = np.abs(powers @ coefficients - table)
    print(f"// {name}: least-squares degree-{DEGREE} fit, max error {error.max():.3f}, mean {error.mean():.4f}")
    print(f"const vec3 k{name.capitalize()}[{DEGREE + 1}] = vec3[](")
    rows = [f"    vec3({c[0]:.6f}, {c[1]:.6f}, {c[2]:.6f})" for c in coefficients]
    print(",\n".join(rows) + ");")


for colormap in ("magma", "cividis", "turbo"):
    fit(colormap)
