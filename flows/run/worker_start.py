"""What the worker processes' fork server imports once (see flows.run.runners.worker_processes):
the cleaning code and the data every page needs (language profiles, lexicons). Each worker
forked from it starts warm, sharing those pages of memory, instead of spending ~1 s
importing and loading them itself. Importing this module is its whole purpose."""

from flows.run.batch import load_cleaning_data

load_cleaning_data()
