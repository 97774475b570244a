"""The application layer: the `chitieu` command line, the Prefect server, operators' commands."""
