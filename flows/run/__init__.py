"""The clean flow and what runs it: batches, worker processes, stopping, tallies and manifests."""
