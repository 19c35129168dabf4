"""``python -m recoupe`` runs the command line."""
from .cli import run

if __name__ == "__main__":  # a Dask worker process started by spawn imports this module again: it must not run
    run()
