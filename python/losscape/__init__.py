"""losscape's Python side.

Today it holds ``losscape.landscape``: compute the loss surface of a PyTorch network on a 2D slice
of its weight space (Li et al., NeurIPS 2018) and write it in the HDF5 layout that the program
opens (``losscape SURFACE.h5``). Importing ``losscape`` itself imports nothing heavy: torch is
loaded only by the landscape modules that need it.
"""
