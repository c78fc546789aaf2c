"""One module per command family; tracker.cli wires them into the ``tracker`` group."""
