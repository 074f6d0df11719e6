"""Loss surfaces of real networks, written as losscape (and loss-landscape) HDF5 files.

The pieces, each in its own module:

- ``setup_file``: the user's setup file (model, loss, data) that the command line loads;
- ``command_line``: what the subcommands share (one-line errors, --setup and --checkpoint);
- ``directions``: random filter-normalised directions and PCA of a trajectory, and the
  direction files (groups ``xdirection``/``ydirection``, one dataset per parameter tensor in
  ``parameters()`` order);
- ``surface``: the loss (and accuracy) on an (nx, ny) grid of the slice, batched, resumable
  (cells at -1 are not computed yet) and split across ``torch.distributed`` ranks;
- ``trajectory``: saved checkpoints projected onto the slice (``proj_xcoord``, ``proj_ycoord``,
  and the network's true loss at each checkpoint).

A direction is a list of tensors shaped like ``model.parameters()``, in that order.
Run ``python3 -m losscape.landscape --help`` for the command line.
"""
