"""``python -m recoupe`` runs the command line."""
from .cli import app

app()
