"""The version of recoupe, in a module of its own so that nothing imports the package root upward."""
__version__ = "0.1.0"
