"""healthclean's wiring: Prefect flows, file I/O and the command line."""
